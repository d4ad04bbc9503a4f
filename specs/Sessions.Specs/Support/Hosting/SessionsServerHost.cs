using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SessionsServer.Hosting;

namespace Sessions.Specs.Support.Hosting;

/// <summary>
/// The real server, in process, on real Kestrel with real TLS on a free loopback port. Settings use the
/// server's own configuration names (e.g. <c>Sessions:Store</c>), exactly as a user would pass them.
/// </summary>
public sealed class SessionsServerHost : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string?> _settings;

    public SessionsServerHost(IReadOnlyDictionary<string, string?> settings)
    {
        _settings = settings;
        UseKestrel();
    }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>SHA-256 of the certificate the server generated, so clients can pin it instead of trusting anything.</summary>
    public string CertificateSha256 => Services.GetRequiredService<ServerCertificate>().Sha256Thumbprint;

    /// <summary>A setting the host was started with, by the server's configuration name.</summary>
    public string? Setting(string name) => _settings.TryGetValue(name, out var value) ? value : null;

    public static async Task<SessionsServerHost> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var host = new SessionsServerHost(settings);
        try
        {
            host.StartServer();
            var address = host.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
            // A wildcard listener (a server that broke its loopback promise) is still reached on 127.0.0.1, so the
            // listener scenarios see the breach instead of every scenario failing to connect.
            var listening = new Uri(address);
            host.BaseAddress = listening.Host is "[::]" or "0.0.0.0" or "+" or "*"
                ? new UriBuilder(listening) { Host = "127.0.0.1" }.Uri
                : listening;
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Port 0: the server's own loopback listener takes a free port, so hosts never collide.
        builder.UseSetting("port", "0");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        // A filter rule, not a minimum level: the server sets its own minimum (Debug, as the tutorial asks), and a rule
        // outranks it, so hundreds of parallel scenarios do not bury the test output in request logs.
        builder.ConfigureLogging(logging => logging.AddFilter(level => level >= LogLevel.Warning));
    }
}
