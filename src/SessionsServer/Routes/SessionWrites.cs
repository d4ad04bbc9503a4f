using Microsoft.Extensions.Options;
using SessionsServer.Configuration;
using SessionsServer.Sessions;

namespace SessionsServer.Routes;

/// <summary>What a route did to the session.</summary>
internal enum SessionChange
{
    Values,
    Login,
    Logout,
}

/// <summary>What a route does around a write to the session; the profile decides.</summary>
internal interface ISessionWrites
{
    /// <summary>Null to go ahead; otherwise the answer that refuses the write, leaving the session as it was.</summary>
    IResult? Refuse(ISession session, string key, string value);

    /// <summary>The answer to a request that changed the session.</summary>
    Task<IResult> AnswerAsync(HttpContext context, IResult result, SessionChange change);
}

/// <summary>
/// The tutorial's routes: no limits, and the session middleware commits after the route, as ASP.NET Core's does.
/// The JSON answer has no length, so it ends only once that commit is done and the next request sees the write.
/// </summary>
internal sealed class TutorialSessionWrites : ISessionWrites
{
    public IResult? Refuse(ISession session, string key, string value) => null;

    /// <summary>The key stays what it was across login and logout, as in ASP.NET Core's session.</summary>
    public Task<IResult> AnswerAsync(HttpContext context, IResult result, SessionChange change) => Task.FromResult(result);
}

/// <summary>
/// Size limits (413), the write committed before the answer starts, a new session key at login and the session
/// removed with its cookie at logout.
/// </summary>
internal sealed class HardenedSessionWrites(IOptions<SessionsServerOptions> options) : ISessionWrites
{
    public IResult? Refuse(ISession session, string key, string value) =>
        SessionLimits.Check(session, key, value, options.Value) is { } error
            ? Results.Json(new { error }, statusCode: StatusCodes.Status413PayloadTooLarge)
            : null;

    /// <summary>
    /// A store failure becomes a 503 instead of a 200 whose change was silently lost when the middleware commits
    /// after the body went out.
    /// </summary>
    public async Task<IResult> AnswerAsync(HttpContext context, IResult result, SessionChange change)
    {
        var lifecycle = context.Features.Get<ISessionLifecycle>() ?? throw new InvalidOperationException("No session lifecycle: the hardened routes run behind SessionCookieMiddleware.");
        if (change == SessionChange.Login)
        {
            lifecycle.RenewKey();
        }
        else if (change == SessionChange.Logout)
        {
            lifecycle.End();
        }

        await context.Session.CommitAsync(context.RequestAborted);
        return result;
    }
}
