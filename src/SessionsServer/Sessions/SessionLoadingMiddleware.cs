namespace SessionsServer.Sessions;

/// <summary>
/// Loads the session asynchronously before a route reads it. The stock session loads synchronously on first
/// access and, when the store fails, quietly becomes a session that drops every write; loading here makes a
/// store failure or timeout an exception that <see cref="StoreFailureMiddleware"/> turns into a 503.
/// </summary>
internal sealed class SessionLoadingMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        await context.Session.LoadAsync(context.RequestAborted);
        await next(context);
    }
}
