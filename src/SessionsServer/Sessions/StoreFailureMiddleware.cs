using Microsoft.AspNetCore.DataProtection;
using SessionsServer.Hosting;
using SessionsServer.Stores;

namespace SessionsServer.Sessions;

/// <summary>
/// Wraps the session middleware: whatever part of a session request fails because of the store (loading,
/// writing, or reading the data-protection key ring kept in the store) answers 503 with a JSON error naming
/// the store — never a hang, never a 500 with a stack trace. A store that refuses the server's login, rights or SQL
/// answers 500 with the same kind of JSON (<see cref="StoreFailures"/> decides).
/// </summary>
internal sealed class StoreFailureMiddleware(RequestDelegate next, GuardedDistributedCache store, IDataProtectionProvider protection, ILogger<StoreFailureMiddleware> logger)
{
    private readonly IDataProtector _keyRingProbe = protection.CreateProtector("SessionsServer.KeyRingProbe");

    private static readonly byte[] KeyRingProbeBytes = [1];

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            // The session middleware reads a cookie it cannot unprotect as "no session" and hands out a new one, so a
            // key ring that is briefly unreadable (its store just came back) would silently replace the user's session.
            // Protecting a few bytes first needs the same key ring, and throws instead: the request gets a 503 and the
            // browser keeps its cookie. Once the ring is loaded this costs microseconds and touches no store.
            if (context.Request.Cookies.ContainsKey(SessionsServerApp.CookieName))
            {
                _keyRingProbe.Protect(KeyRingProbeBytes);
            }

            await next(context);
        }
        catch (Exception ex) when (!context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted && StoreFailures.Describe(ex, store.Store) is { } failure)
        {
            failure.Log(logger, store.Store, context.Request.Path);
            context.Response.Clear();
            await Results.Json(new { error = failure.Message, store = store.Store }, statusCode: failure.StatusCode).ExecuteAsync(context);
        }
    }
}
