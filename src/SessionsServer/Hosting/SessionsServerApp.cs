using System.Net;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using SessionsServer.Configuration;
using SessionsServer.Health;
using SessionsServer.KeyRing;
using SessionsServer.Profiles;
using SessionsServer.Routes;

namespace SessionsServer.Hosting;

/// <summary>The tutorial's server in the order its steps give: logging, listener, then the profile's cookie, store and session, then routes.</summary>
public static class SessionsServerApp
{
    public const string CookieName = "Kr.Session";

    public static void ConfigureServices(WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        // The simple console's one-line format, without session keys (RedactingConsoleFormatter says why).
        builder.Logging.AddConsole(console => console.FormatterName = RedactingConsoleFormatter.FormatterName)
            .AddConsoleFormatter<RedactingConsoleFormatter, ConsoleFormatterOptions>();
        builder.Logging.SetMinimumLevel(LogLevel.Debug);

        builder.Services.AddSingleton(sp => ServerCertificate.FromConfiguration(sp.GetRequiredService<IConfiguration>()));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            var options = kestrel.ApplicationServices.GetRequiredService<IOptions<SessionsServerOptions>>().Value;
            var certificate = kestrel.ApplicationServices.GetRequiredService<ServerCertificate>();
            kestrel.Listen(IPAddress.Loopback, options.Port, listen => listen.UseHttps(certificate.Certificate));

            // Room for a query that carries a value at the size limit, percent-encoded (up to 3 bytes a byte), so an
            // oversized value meets the server's own 413 with a JSON body rather than a bare 414 from the listener.
            var requestLine = Math.Max(32 * 1024, (options.MaxKeyBytes + options.MaxValueBytes) * 3 + 4096);
            kestrel.Limits.MaxRequestLineSize = requestLine;
            kestrel.Limits.MaxRequestHeadersTotalSize = requestLine + 32 * 1024;
            kestrel.Limits.Http2.MaxRequestHeaderFieldSize = requestLine;
        });

        builder.Services.AddServerProfile(builder.Configuration);
        builder.Services.AddSessionHealthChecks();
    }

    public static void Configure(WebApplication app)
    {
        app.UseExceptionHandler(errors => errors.Run(context =>
            Results.Json(new { error = "Internal server error" }, statusCode: StatusCodes.Status500InternalServerError).ExecuteAsync(context)));
        app.UseServerProfile();
        app.MapSessionRoutes();
        app.MapSessionHealthChecks();

        app.Lifetime.ApplicationStarted.Register(() => LogStarted(app));
    }

    private static void LogStarted(WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("SessionsServer");
        var options = app.Services.GetRequiredService<IOptions<SessionsServerOptions>>().Value;
        var certificate = app.Services.GetRequiredService<ServerCertificate>();
        var port = app.Urls.Select(url => new Uri(url).Port).FirstOrDefault(options.Port);
        ServerLog.Listening(logger, port, options.NormalizedStore);
        ServerLog.Certificate(logger, certificate.IsSelfSigned ? "self-signed for localhost, 127.0.0.1, ::1" : "from --cert", certificate.Sha256Thumbprint);
        var stack = app.Services.GetRequiredService<ServerStack>();
        ServerLog.Stack(logger, stack.Profile, stack.DistributedCacheName, stack.Session.FullName!);
        ServerLog.SessionOptions(logger, CookieName, options.IdleTimeout, options.IOTimeout);
        if (app.Services.GetRequiredService<KeyRingCertificate>().Certificate is { } keyRing)
        {
            ServerLog.KeyRingEncrypted(logger, keyRing.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256));
        }
        else
        {
            ServerLog.KeyRingUnencrypted(logger, options.NormalizedStore);
        }
    }
}
