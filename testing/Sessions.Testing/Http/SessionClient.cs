using System.Diagnostics;
using Flurl.Http;

namespace Sessions.Testing.Http;

/// <summary>
/// One browser-like client: its own cookie jar, HTTPS only, and the server certificate pinned by SHA-256
/// (or, for a loopback black-box server, optionally not validated). Never follows redirects silently.
/// </summary>
public sealed class SessionClient : IDisposable
{
    private readonly FlurlClient _client;

    public SessionClient(Uri baseAddress, string? pinnedSha256, bool insecure = false)
    {
        if (baseAddress.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException($"The server must be reached over HTTPS, not {baseAddress}.", nameof(baseAddress));
        }

        var handler = PinnedHttps.Handler(pinnedSha256, insecure);
        _client = new FlurlClient(new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) });
        _client.AllowAnyHttpStatus();
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public CookieJar Jar { get; private set; } = new();

    /// <summary>Forget every cookie, as a new browser would.</summary>
    public void ResetJar() => Jar = new CookieJar();

    public async Task<SessionResponse> GetAsync(string pathAndQuery, Action<IFlurlRequest>? configure = null, bool sendCookies = true, CancellationToken cancellationToken = default)
    {
        var request = _client.Request(pathAndQuery);
        if (sendCookies)
        {
            request = request.WithCookies(Jar);
        }

        configure?.Invoke(request);
        // Off the caller's context: xunit runs parallel tests' continuations on a few threads, and a timestamp taken
        // only once one of them is free would time the test runner's queue, not the server's answer.
        var started = Stopwatch.GetTimestamp();
        using var response = await request.GetAsync(HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var body = await response.ResponseMessage.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var setCookies = response.ResponseMessage.Headers.TryGetValues("Set-Cookie", out var values) ? values.ToArray() : [];
        return new SessionResponse(
            $"GET {new Uri(BaseAddress, pathAndQuery)}",
            response.ResponseMessage.StatusCode,
            response.ResponseMessage.Content.Headers.ContentType?.ToString(),
            setCookies,
            body,
            Stopwatch.GetElapsedTime(started));
    }

    public void Dispose() => _client.Dispose();
}
