using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Sessions.Testing.Hosting;
using SessionsBench.Measurement;

namespace SessionsBench.Hosting;

/// <summary>
/// Starts the suite's in-process host (real Kestrel, real TLS, loopback) the way the benchmark measures it: every log
/// category at Warning except the stock session's, whose level is the bench's choice and goes to a discarding sink.
/// </summary>
public static class BenchServerHost
{
    /// <summary>The stock session's extra "session started" read only happens when this category logs Information.</summary>
    public const string SessionLogCategory = "Microsoft.AspNetCore.Session";

    /// <param name="contentRoot">The server's project folder, for its appsettings.json.</param>
    /// <param name="sessionLogLevel">Information (the stock session then reads once more per write) or Warning.</param>
    /// <param name="calls">Counts the server's cache calls; installed around whatever cache the profile registered.</param>
    public static Task<SessionsServerHost> StartAsync(string contentRoot, IReadOnlyDictionary<string, string?> settings, string sessionLogLevel, StoreCallCounter calls)
    {
        // The factory looks for its manifest in the *current* directory, which under `dotnet run` is wherever the user
        // stood; this setting is the factory's own first choice, so the bench runs from any directory.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_SESSIONSSERVER", contentRoot);

        // The server's appsettings.json logs Debug; as configuration rules they beat SetMinimumLevel, so override them by name.
        var measured = new Dictionary<string, string?>(settings)
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
            [$"Logging:LogLevel:{SessionLogCategory}"] = sessionLogLevel,
        };
        return SessionsServerHost.StartAsync(measured, builder =>
        {
            builder.ConfigureLogging(logging =>
            {
                // Enabled (that is what triggers the stock extra read) without paying for console output on every new session.
                logging.AddProvider(new DiscardLoggerProvider());
                logging.Services.Configure<ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
                // Every server of a run would repeat its start-up warnings (the unencrypted key ring) between the progress
                // lines; what a row must know (errors, lost increments) the bench counts itself.
                logging.AddFilter<ConsoleLoggerProvider>((_, level) => level >= LogLevel.Error);
            });
            builder.ConfigureTestServices(calls.Install);
        });
    }

    /// <summary>Whether a logger of the stock session would log at <paramref name="level"/>; printed so the run says what it measured.</summary>
    public static bool SessionLogs(this SessionsServerHost host, LogLevel level) =>
        host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(SessionLogCategory + ".DistributedSession").IsEnabled(level);
}
