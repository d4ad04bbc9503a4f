using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Sessions.Caching;
using SessionsServer.Configuration;
using SessionsServer.Hosting;
using SessionsServer.Profiles;
using SessionsServer.Stores;

namespace Sessions.Testing.Hosting;

/// <summary>
/// The real server, in process, on real Kestrel with real TLS on a free loopback port. Settings use the
/// server's own configuration names (e.g. <c>Sessions:Store</c>), exactly as a user would pass them.
/// </summary>
public sealed class SessionsServerHost : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly Action<IWebHostBuilder>? _configure;

    /// <param name="settings">The server's own settings, by name.</param>
    /// <param name="configure">More for a caller that measures the server (the benchmark: its logging, a call counter).</param>
    public SessionsServerHost(IReadOnlyDictionary<string, string?> settings, Action<IWebHostBuilder>? configure = null)
    {
        _settings = settings;
        _configure = configure;
        _sessionTable = new(FindSessionTable);
        UseKestrel();
    }

    private readonly Lazy<RelationalDistributedCache?> _sessionTable;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>What serves sessions in this host (profile, cache, session), as its start-up log names it.</summary>
    public ServerStack Stack => Services.GetRequiredService<ServerStack>();

    /// <summary>
    /// The project's cache on this host's session table, for provisioning and sweeping: the one serving sessions, or,
    /// where the official SqlServerCache serves them (tutorial profile), one on the same table. Null without a table.
    /// </summary>
    public RelationalDistributedCache? SessionTable => _sessionTable.Value;

    /// <summary>SHA-256 of the certificate the server generated, so clients can pin it instead of trusting anything.</summary>
    public string CertificateSha256 => Services.GetRequiredService<ServerCertificate>().Sha256Thumbprint;

    /// <summary>A setting the host was started with, by the server's configuration name.</summary>
    public string? Setting(string name) => _settings.TryGetValue(name, out var value) ? value : null;

    public static async Task<SessionsServerHost> StartAsync(IReadOnlyDictionary<string, string?> settings, Action<IWebHostBuilder>? configure = null)
    {
        var host = new SessionsServerHost(settings, configure);
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

    /// <summary>The server's own instance (on SQLite a second one would contend with it for the file's write lock).</summary>
    private RelationalDistributedCache? FindSessionTable()
    {
        var options = Services.GetRequiredService<IOptions<SessionsServerOptions>>().Value;
        return RelationalStores.IsRelational(options.NormalizedStore) ? Services.GetRequiredService<RelationalDistributedCache>() : null;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Port 0: the server's own loopback listener takes a free port, so hosts never collide.
        builder.UseSetting("port", "0");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        // A console-provider rule: the server's settings name categories down to Debug (as the tutorial asks), and only a
        // provider-specific rule outranks those, so hundreds of parallel scenarios do not bury the test output, or a
        // failed run's tail, in request logs.
        builder.ConfigureLogging(logging => logging.AddFilter<ConsoleLoggerProvider>((_, level) => level >= LogLevel.Warning));
        _configure?.Invoke(builder);
    }
}
