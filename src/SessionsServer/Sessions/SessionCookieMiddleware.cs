using Microsoft.AspNetCore.Session;
using Microsoft.Extensions.Options;
using SessionsServer.Configuration;
using SessionsServer.Locking;
using SessionsServer.Routes;

namespace SessionsServer.Sessions;

/// <summary>
/// The hardened profile's session middleware, in place of ASP.NET Core's: it reads the same cookie, but it loads the
/// session before the route (a store failure becomes a 503 instead of an empty session), lets a route renew the key
/// (login) or end the session with its cookie (logout), and with <c>Sessions:SerializeRequests</c> holds the
/// session's lock from before the read until after the write. A request without a session cookie takes no lock:
/// nobody else can hold its brand-new key.
/// </summary>
internal sealed class SessionCookieMiddleware(
    RequestDelegate next,
    LoadOnceSessionStore store,
    SessionCookieFormat format,
    SessionLocks locks,
    IOptions<SessionOptions> sessionOptions,
    IOptions<SessionsServerOptions> serverOptions,
    ILogger<SessionCookieMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var options = sessionOptions.Value;
        var cookieKey = ReadKey(context, options.Cookie.Name!);
        await using var lease = cookieKey is not null && serverOptions.Value.SerializeRequests
            ? await locks.AcquireAsync(cookieKey, context.RequestAborted)
            : null;

        var request = new SessionRequest(context, format, options.Cookie);
        var key = cookieKey ?? SessionCookieFormat.NewKey();
        // As in the stock middleware, only a new key needs its cookie sent; a known one is in the browser already.
        Func<bool> establish = cookieKey is null ? () => request.TryEstablish(key) : static () => true;
        var writes = context.GetEndpoint()?.Metadata.GetMetadata<WritesSession>() is not null;
        request.Session = store.Create(key, options.IdleTimeout, options.IOTimeout, establish, isNewSessionKey: cookieKey is null, lease?.Ended ?? CancellationToken.None, readForWrite: writes);
        request.Attach();
        try
        {
            await request.Session.LoadAsync(context.RequestAborted);
            await next(context);

            // Routes that change the session commit before they answer; this is for any other caller.
            await request.Session.CommitAsync(context.RequestAborted);
        }
        catch
        {
            request.Fail();
            throw;
        }
        finally
        {
            request.Detach();
        }
    }

    private string? ReadKey(HttpContext context, string cookieName)
    {
        if (!context.Request.Cookies.TryGetValue(cookieName, out var cookie) || string.IsNullOrEmpty(cookie))
        {
            return null;
        }

        var key = format.Unprotect(cookie);
        if (key is null)
        {
            SessionLog.CookieUnreadable(logger);
        }

        return key;
    }
}
