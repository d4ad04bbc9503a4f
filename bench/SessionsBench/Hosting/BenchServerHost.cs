using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using SessionsServer.Hosting;

namespace SessionsBench.Hosting;

/// <summary>
/// The real server in this process, on real Kestrel with real TLS on a free loopback port, configured only
/// through its own setting names (<c>Sessions:Store</c>, <c>ConnectionStrings:Sessions</c>, ...).
/// </summary>
public sealed class BenchServerHost : WebApplicationFactory<Program>
{
    /// <summary>The stock session's extra "session started" read only happens when this category logs Information.</summary>
    public const string SessionLogCategory = "Microsoft.AspNetCore.Session";

    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly string _sessionLogLevel;

    private BenchServerHost(IReadOnlyDictionary<string, string?> settings, string sessionLogLevel)
    {
        _settings = settings;
        _sessionLogLevel = sessionLogLevel;
        UseKestrel();
    }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>SHA-256 of the certificate the server generated; the client pins it rather than trusting anything.</summary>
    public string CertificateSha256 => Services.GetRequiredService<ServerCertificate>().Sha256Thumbprint;

    /// <param name="contentRoot">The server's project folder, for its appsettings.json.</param>
    /// <param name="sessionLogLevel">Information (the stock session then reads once more per write) or Warning.</param>
    public static async Task<BenchServerHost> StartAsync(string contentRoot, IReadOnlyDictionary<string, string?> settings, string sessionLogLevel)
    {
        // The factory looks for its manifest in the *current* directory, which under `dotnet run` is wherever the user
        // stood; this setting is the factory's own first choice, so the bench runs from any directory.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_SESSIONSSERVER", contentRoot);
        var host = new BenchServerHost(settings, sessionLogLevel);
        try
        {
            host.StartServer();
            var address = host.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
            host.BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>Whether a logger of the stock session would log at <paramref name="level"/>; printed so the run says what it measured.</summary>
    public bool SessionLogs(LogLevel level) =>
        Services.GetRequiredService<ILoggerFactory>().CreateLogger(SessionLogCategory + ".DistributedSession").IsEnabled(level);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("port", "0");

        // The server's appsettings.json logs Debug; as configuration rules they beat SetMinimumLevel, so override them by name.
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.Hosting.Lifetime", "Warning");
        builder.UseSetting($"Logging:LogLevel:{SessionLogCategory}", _sessionLogLevel);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging =>
        {
            // Information for the session category must be *enabled* (that is what triggers the stock extra read)
            // without paying for console output on every new session; the discard sink takes it, the console only warnings.
            logging.AddProvider(new DiscardLoggerProvider());
            logging.AddFilter<ConsoleLoggerProvider>(SessionLogCategory, LogLevel.Warning);
        });
        builder.ConfigureServices(services =>
            services.Configure<ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace));
    }
}
