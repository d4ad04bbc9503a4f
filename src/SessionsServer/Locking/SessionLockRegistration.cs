using Microsoft.Extensions.Options;
using SessionsServer.Configuration;
using SessionsServer.Health;
using SessionsServer.Stores;

namespace SessionsServer.Locking;

public static class SessionLockRegistration
{
    /// <summary>The locks <c>Sessions:SerializeRequests</c> takes, on the configured store.</summary>
    public static IServiceCollection AddSessionLocks(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<SessionsServerOptions>>().Value;
            var logger = sp.GetRequiredService<ILogger<SessionLocks>>();
            // Without the setting no request takes a lock: no store lock (and no pool for it) is made.
            var storeLock = options.SerializeRequests ? StoreLock(sp, options) : null;
            if (options.SerializeRequests)
            {
                LockLog.Serializing(logger, storeLock?.GetType().Name ?? "an in-process lock");
            }

            return new SessionLocks(storeLock, options.IOTimeout, sp.GetRequiredService<TimeProvider>(), logger);
        });
        services.AddHealthChecks().AddCheck<SessionLockHealthCheck>("session lock");
        return services;
    }

    /// <summary>The store's own lock, shared by every instance on the store; null where one process holds the whole store.</summary>
    internal static IStoreLock? StoreLock(IServiceProvider services, SessionsServerOptions options) => options.NormalizedStore switch
    {
        "sqlserver" => new SqlServerStoreLock(options.ConnectionString!, services.GetRequiredService<ILogger<SessionLocks>>()),
        "postgres" => new PostgresStoreLock(options.ConnectionString!, services.GetRequiredService<ILogger<SessionLocks>>()),
        "redis" => new RedisStoreLock(services.GetRequiredService<RedisStoreConnection>(), options.ApplicationName),
        "sqlite" when RelationalStores.SqliteFile(options) is { } file => new FileStoreLock(Path.GetFullPath(file) + ".locks"),
        // One process holds all of a memory store's sessions (and an in-memory SQLite database's).
        _ => null,
    };
}
