using SessionsServer.Hosting;
using SessionsServer.Stores;

namespace SessionsServer.Sessions;

/// <summary>
/// Wraps the session middleware: whatever part of a session request fails because of the store (loading,
/// writing, or reading the data-protection key ring kept in the store) answers 503 with a JSON error naming
/// the store — never a hang, never a 500 with a stack trace.
/// </summary>
internal sealed class StoreFailureMiddleware(RequestDelegate next, GuardedDistributedCache store, ILogger<StoreFailureMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception ex) when (!context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted && StoreFailures.Describe(ex, store.Store) is { } failure)
        {
            ServerLog.StoreUnavailable(logger, store.Store, context.Request.Path, failure.Reason);
            context.Response.Clear();
            await Results.Json(new { error = failure.Message, store = store.Store }, statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(context);
        }
    }
}
