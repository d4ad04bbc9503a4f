using Microsoft.AspNetCore.Session;
using Microsoft.Extensions.Options;
using SessionsServer.Configuration;
using SessionsServer.Hosting;
using SessionsServer.KeyRing;
using SessionsServer.Locking;
using SessionsServer.Routes;
using SessionsServer.Sessions;
using SessionsServer.Stores;

namespace SessionsServer.Profiles;

/// <summary>
/// The session stack of the configured profile (<c>Sessions:Profile</c>). Both give the tutorial's cookie and
/// timeouts and keep the key ring beside the store; they differ in the cache around the store, the session, and
/// what a request does when the store fails.
/// </summary>
public static class ServerProfileRegistration
{
    public static IServiceCollection AddServerProfile(this IServiceCollection services, IConfiguration configuration)
    {
        var choice = SessionsServerOptionsRegistration.ReadChoice(configuration);
        services.AddSessionsServerOptions();
        services.AddSessionCache(choice);
        services.AddSessionKeyRing(configuration);

        // ASP.NET Core's own session services: DistributedSessionStore, whose sessions are DistributedSession.
        services.AddSession();
        services.AddOptions<SessionOptions>().Configure<IOptions<SessionsServerOptions>>((session, server) =>
        {
            session.Cookie.Name = SessionsServerApp.CookieName;
            session.Cookie.HttpOnly = true;
            session.Cookie.SameSite = SameSiteMode.Lax;
            session.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            session.Cookie.Path = "/";
            session.IdleTimeout = server.Value.IdleTimeout;
            session.IOTimeout = server.Value.IOTimeout;
        });

        if (choice.IsHardened)
        {
            services.AddSingleton<LoadOnceSessionStore>();
            services.AddSingleton<ISessionStore>(sp => sp.GetRequiredService<LoadOnceSessionStore>());
            services.AddSingleton<SessionCookieFormat>();
            services.AddSessionLocks();
            services.AddSingleton<ISessionWrites, HardenedSessionWrites>();
        }
        else
        {
            services.AddSingleton<ISessionWrites, TutorialSessionWrites>();
        }

        services.AddSingleton(ServerStack.Resolve);
        return services;
    }

    /// <summary>The session middleware of the profile, before the routes.</summary>
    public static WebApplication UseServerProfile(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<SessionsServerOptions>>().Value.IsHardened)
        {
            // What Add-KrSession adds: the stock middleware, which loads on first use and commits after the route.
            app.UseSession();
            return app;
        }

        // Only the session routes pay for a session: /hello and /healthz never touch the store through it.
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/session"), session =>
        {
            session.UseMiddleware<StoreFailureMiddleware>();
            session.UseMiddleware<SessionCookieMiddleware>();
        });
        return app;
    }
}
