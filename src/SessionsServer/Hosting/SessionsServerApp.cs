using System.Net;
using Microsoft.AspNetCore.Session;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Options;
using SessionsServer.Configuration;
using SessionsServer.KeyRing;
using SessionsServer.Routes;
using SessionsServer.Sessions;
using SessionsServer.Stores;

namespace SessionsServer.Hosting;

/// <summary>The tutorial's server in the order its steps give: logging, listener, cookie, store, session, routes.</summary>
public static class SessionsServerApp
{
    public const string CookieName = "Kr.Session";

    public static void ConfigureServices(WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss ";
        });
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

        builder.Services.AddSessionStore();
        builder.Services.AddSessionKeyRing();
        builder.Services.AddSession();
        builder.Services.AddTransient<ISessionStore>(sp =>
            sp.GetRequiredService<IOptions<SessionsServerOptions>>().Value.SessionImplementation.Trim().Equals("stock", StringComparison.OrdinalIgnoreCase)
                ? new DistributedSessionStore(sp.GetRequiredService<IDistributedCache>(), sp.GetRequiredService<ILoggerFactory>())
                : new LoadOnceSessionStore(sp.GetRequiredService<IDistributedCache>(), sp.GetRequiredService<ILoggerFactory>()));
        builder.Services.AddOptions<SessionOptions>().Configure<IOptions<SessionsServerOptions>>((session, server) =>
        {
            session.Cookie.Name = CookieName;
            session.Cookie.HttpOnly = true;
            session.Cookie.SameSite = SameSiteMode.Lax;
            session.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            session.Cookie.Path = "/";
            session.Cookie.IsEssential = true;
            session.IdleTimeout = server.Value.IdleTimeout;
            session.IOTimeout = server.Value.IOTimeout;
        });
    }

    public static void Configure(WebApplication app)
    {
        app.UseExceptionHandler(errors => errors.Run(context =>
            Results.Json(new { error = "Internal server error" }, statusCode: StatusCodes.Status500InternalServerError).ExecuteAsync(context)));
        // Only the session routes pay for a session: /hello and /healthz never touch the store through it.
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/session"), session =>
        {
            session.UseMiddleware<StoreFailureMiddleware>();
            session.UseSession();
            session.UseMiddleware<SessionLoadingMiddleware>();
        });
        app.MapSessionRoutes();
        app.MapHealthRoutes();

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
        ServerLog.SessionOptions(logger, CookieName, options.IdleTimeout, options.IOTimeout);
    }
}
