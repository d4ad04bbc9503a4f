using Flurl.Http;
using Sessions.Specs.Support.Scenario;
using Sessions.Specs.Support.Cookies;
using Sessions.Specs.Support.Targets;
using Sessions.Testing.Http;

namespace Sessions.Specs.Support.Http;

/// <summary>
/// One scenario's browser: a cookie jar of its own against the target's server, the last answer, a cookie saved for
/// replay, and every exchange attached to the step that made it so the report shows the evidence.
/// </summary>
public sealed class SessionDriver(ServerUnderTest server, CurrentScenario scenario) : IDisposable
{
    private ServerEndpoint? _endpoint;
    private SessionClient? _client;
    private SessionResponse? _last;

    public SessionResponse Last => _last ?? throw new InvalidOperationException("No request has been made in this scenario yet.");

    /// <summary>
    /// The last <c>Kr.Session</c> the server set in this scenario, exactly as it came in the header; a header that only
    /// removed the cookie (logout) leaves it as it was, so "my session" is still the one the jar last held.
    /// </summary>
    public SetCookieHeader? LastSessionCookie { get; private set; }

    public string? SavedCookieValue { get; private set; }

    /// <summary>When the last request left: a session it touched expires no earlier than this plus the idle timeout.</summary>
    public DateTimeOffset LastSentAt { get; private set; }

    /// <summary>When the last answer arrived: the session it touched was written before this.</summary>
    public DateTimeOffset LastReceivedAt { get; private set; }

    public async Task<ServerEndpoint> EndpointAsync() => _endpoint ??= await server.ConnectAsync(scenario.CancellationToken);

    public async Task<SessionResponse> CallAsync(string pathAndQuery)
    {
        var client = await ClientAsync();
        var sent = DateTimeOffset.UtcNow;
        return Record(sent, await client.GetAsync(pathAndQuery, cancellationToken: scenario.CancellationToken));
    }

    /// <summary>Sends only the given session cookie, from no jar: what a client that kept an old cookie would send.</summary>
    public async Task<SessionResponse> CallWithCookieAsync(string pathAndQuery, string cookieValue)
    {
        var client = await ClientAsync();
        var sent = DateTimeOffset.UtcNow;
        var response = await client.GetAsync(
            pathAndQuery,
            request => request.WithHeader("Cookie", $"{SetCookieHeader.SessionCookieName}={cookieValue}"),
            sendCookies: false,
            cancellationToken: scenario.CancellationToken);
        return Record(sent, response);
    }

    /// <summary>Forgets every cookie, as a new browser would.</summary>
    public void FreshJar()
    {
        _client?.ResetJar();
        LastSessionCookie = null;
    }

    public string SaveSessionCookie()
    {
        var cookie = LastSessionCookie ?? throw new InvalidOperationException("The server has not set a session cookie in this scenario, so there is none to save.");
        SavedCookieValue = cookie.Value;
        scenario.Attach($"saved {cookie.Masked}");
        return cookie.Value;
    }

    private async Task<SessionClient> ClientAsync()
    {
        if (_client is null)
        {
            var endpoint = await EndpointAsync();
            _client = new SessionClient(endpoint.BaseAddress, endpoint.PinnedSha256, endpoint.Insecure);
        }

        return _client;
    }

    private SessionResponse Record(DateTimeOffset sent, SessionResponse response)
    {
        _last = response;
        (LastSentAt, LastReceivedAt) = (sent, DateTimeOffset.UtcNow);
        if (response.SetCookieHeaders.Select(SetCookieHeader.Parse).LastOrDefault(c => c.Name == SetCookieHeader.SessionCookieName && !c.Removes) is { } cookie)
        {
            LastSessionCookie = cookie;
        }

        scenario.Attach(response.ToString());
        return response;
    }

    public void Dispose() => _client?.Dispose();
}
