using Microsoft.AspNetCore.Http.Features;
using SessionsServer.Hosting;
using SessionsServer.Stores;

namespace SessionsServer.Sessions;

/// <summary>
/// Loads the session asynchronously before a route reads it. The stock session loads synchronously on first
/// access and, when the store fails, quietly becomes a session that drops every write; loading here makes a
/// store failure or timeout surface as a 503 that names the store.
/// </summary>
internal sealed class SessionLoadingMiddleware(RequestDelegate next, GuardedDistributedCache store, ILogger<SessionLoadingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await context.Session.LoadAsync(context.RequestAborted);
            await next(context);
        }
        catch (Exception ex) when (!context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted && StoreFailures.Describe(ex, store.Store) is { } failure)
        {
            ServerLog.StoreUnavailable(logger, store.Store, context.Request.Path, failure.Reason);

            // Nothing was loaded or written; without this the stock middleware would call the dead store again to commit.
            if (context.Features.Get<ISessionFeature>() is { } feature)
            {
                feature.Session = null!;
            }

            await Results.Json(new { error = failure.Message, store = store.Store }, statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(context);
        }
    }
}
