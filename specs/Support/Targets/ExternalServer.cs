using System.Net;
using Sessions.Testing.Hosting;

namespace Sessions.Specs.Support.Targets;

/// <summary>
/// Black-box mode: any running server at SESSIONS_BASE_URL. The certificate is pinned with SESSIONS_CERT_SHA256, or
/// left unchecked with SESSIONS_INSECURE=1, which is refused for anything but a loopback host.
/// </summary>
public sealed class ExternalServer(string name, string baseUrl, string? pinnedSha256, bool insecure) : ServerUnderTest(name)
{
    private bool _connected;

    public override string? ExpectedStoreName => null;

    public override string? Description => _connected
        ? $"{Name}: {baseUrl} ({(pinnedSha256 is not null ? "certificate pinned by SESSIONS_CERT_SHA256" : insecure ? "certificate not validated (SESSIONS_INSECURE=1, loopback)" : "certificate validated by the system trust store")})"
        : null;

    public override bool WasStarted => _connected;

    public override Task<ServerEndpoint> ConnectAsync(CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var address) || address.Scheme != Uri.UriSchemeHttps)
        {
            throw new ServerStartException($"SESSIONS_BASE_URL '{baseUrl}' is not an https:// address; the server serves HTTPS only.");
        }

        if (insecure && pinnedSha256 is null && !IsLoopback(address))
        {
            throw new ServerStartException(
                $"SESSIONS_INSECURE=1 is refused for {address.Host}: certificate checks may only be skipped for a loopback server. Pin its certificate with SESSIONS_CERT_SHA256=<hex> instead.");
        }

        _connected = true;
        return Task.FromResult(new ServerEndpoint(address, pinnedSha256, insecure && pinnedSha256 is null, Store: null));
    }

    public static bool IsLoopback(Uri address) =>
        address.IsLoopback || (IPAddress.TryParse(address.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
