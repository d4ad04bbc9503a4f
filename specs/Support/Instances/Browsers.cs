using Flurl.Http;
using Sessions.Specs.Support.Scenario;
using Sessions.Specs.Support.Http;
using Sessions.Testing.Http;

namespace Sessions.Specs.Support.Instances;

/// <summary>
/// Named browsers, each one cookie jar, that may talk to any instance: the jar belongs to the browser, not to the
/// server, so the same Kr.Session cookie reaches every instance it calls. Every exchange goes to the report.
/// </summary>
public sealed class Browsers(ServerInstances instances, CurrentScenario scenario)
{
    private readonly Dictionary<string, CookieJar> _jars = new(StringComparer.Ordinal);

    /// <summary>The answer of the last request any browser made in this scenario.</summary>
    public SessionResponse Last { get; private set; } = null!;

    public CookieJar Jar(string browser) =>
        _jars.TryGetValue(browser, out var jar) ? jar : _jars[browser] = new CookieJar();

    /// <summary>The browser's current Kr.Session cookie value.</summary>
    public string SessionCookie(string browser) =>
        Jar(browser).FirstOrDefault(c => c.Name == "Kr.Session")?.Value
        ?? throw new InvalidOperationException($"Browser \"{browser}\" holds no Kr.Session cookie yet.");

    public async Task<SessionResponse> CallAsync(string browser, string pathAndQuery, string instance, CancellationToken cancellationToken)
    {
        var client = await instances.ClientAsync(instance, cancellationToken);
        var jar = Jar(browser);
        return Record(await client.GetAsync(pathAndQuery, request => request.WithCookies(jar), sendCookies: false, cancellationToken));
    }

    /// <summary>A request sent without waiting for it; its answer becomes <see cref="Last"/> only when <see cref="Record"/>ed.</summary>
    public async Task<SessionResponse> SendAsync(string browser, string pathAndQuery, string instance, CancellationToken cancellationToken)
    {
        var client = await instances.ClientAsync(instance, cancellationToken);
        return await client.GetAsync(pathAndQuery, request => request.WithCookies(Jar(browser)), sendCookies: false, cancellationToken);
    }

    /// <summary>A request with exactly this Cookie header and no jar, as a tampering client would send it.</summary>
    public async Task<SessionResponse> CallWithRawCookieAsync(string cookieHeader, string pathAndQuery, string instance, CancellationToken cancellationToken)
    {
        var client = await instances.ClientAsync(instance, cancellationToken);
        return Record(await client.GetAsync(pathAndQuery, request => request.WithHeader("Cookie", cookieHeader), sendCookies: false, cancellationToken));
    }

    public SessionResponse Record(SessionResponse response)
    {
        Last = response;
        scenario.Attach(response.ToString());
        return response;
    }
}
