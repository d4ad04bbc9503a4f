using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Session;

namespace SessionsServer.Sessions;

/// <summary>
/// One request's session and the cookie its response sends: the new key's when the session was started or renewed,
/// an expired one when it ended, nothing when it stayed as it was or when the request failed.
/// </summary>
internal sealed class SessionRequest(HttpContext context, SessionCookieFormat format, CookieBuilder cookie) : ISessionLifecycle
{
    private LoadOnceSession? _session;
    // Protected when the key is chosen, not when the answer starts: a key ring that cannot be read must fail the
    // route (a 503), not the response after its status went out.
    private string? _cookieToSend;
    private bool _expire;
    private bool _failed;
    private bool _callbackRegistered;

    public LoadOnceSession Session
    {
        get => _session ?? throw new InvalidOperationException("The session is not created yet.");
        set => _session = value;
    }

    /// <summary>The session's first write needs a cookie for its (new) key; false once the response has started.</summary>
    public bool TryEstablish(string sessionKey)
    {
        if (context.Response.HasStarted)
        {
            return false;
        }

        _cookieToSend ??= format.Protect(sessionKey);
        SendCookieOnStart();
        return true;
    }

    public void RenewKey()
    {
        var key = SessionCookieFormat.NewKey();
        _cookieToSend = format.Protect(key);
        Session.RenewKey(key);
        _expire = false;
        SendCookieOnStart();
    }

    public void End()
    {
        Session.End();
        _cookieToSend = null;
        _expire = true;
        SendCookieOnStart();
    }

    /// <summary>The request failed: its answer carries no new cookie, so the browser keeps the one it has.</summary>
    public void Fail() => _failed = true;

    private void SendCookieOnStart()
    {
        if (_callbackRegistered)
        {
            return;
        }

        _callbackRegistered = true;
        context.Response.OnStarting(() =>
        {
            WriteCookie();
            return Task.CompletedTask;
        });
    }

    private void WriteCookie()
    {
        if (_failed || (_cookieToSend is null && !_expire))
        {
            return;
        }

        var options = cookie.Build(context);
        if (_expire)
        {
            context.Response.Cookies.Delete(cookie.Name!, options);
        }
        else
        {
            context.Response.Cookies.Append(cookie.Name!, _cookieToSend!, options);
        }

        // As the stock middleware does: an answer that hands out a session key must not be cached.
        context.Response.Headers.CacheControl = "no-cache,no-store";
        context.Response.Headers.Pragma = "no-cache";
    }

    public void Attach()
    {
        context.Features.Set<ISessionFeature>(new SessionFeature { Session = Session });
        context.Features.Set<ISessionLifecycle>(this);
    }

    public void Detach()
    {
        context.Features.Set<ISessionFeature?>(null);
        context.Features.Set<ISessionLifecycle?>(null);
    }
}
