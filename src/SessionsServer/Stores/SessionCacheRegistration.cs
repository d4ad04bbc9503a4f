using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Caching.SqlServer;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Options;
using Sessions.Caching;
using Sessions.Caching.Core;
using Sessions.Caching.Provisioning;
using SessionsServer.Configuration;

namespace SessionsServer.Stores;

/// <summary>The <see cref="IDistributedCache"/> that holds the sessions: which one depends on the profile and the store.</summary>
public static class SessionCacheRegistration
{
    /// <summary>Keys in Redis are the session keys under this prefix, in both profiles, so both read each other's sessions.</summary>
    public const string RedisInstanceName = "Sessions:";

    /// <param name="choice">Profile and store as configured (<see cref="SessionsServerOptionsRegistration.ReadChoice"/>).</param>
    public static IServiceCollection AddSessionCache(this IServiceCollection services, SessionsServerOptions choice)
    {
        // One instance per server on a relational store, whoever asks: on SQLite its writer gate and kept connection
        // order every command of the process, and a second instance on the same file would meet the first as
        // SQLITE_BUSY (a sweep run through it would stall requests for its whole length).
        services.AddSingleton(sp => RelationalStores.Create(sp, sp.GetRequiredService<IOptions<SessionsServerOptions>>().Value));
        return choice.IsHardened ? services.AddGuardedCache() : services.AddTutorialCache(choice.NormalizedStore);
    }

    /// <summary>
    /// The caches the tutorial registers, by the same calls and with nothing around them. An unknown store registers
    /// nothing: the options check stops the server before anything asks for a cache.
    /// </summary>
    private static IServiceCollection AddTutorialCache(this IServiceCollection services, string store)
    {
        switch (store)
        {
            case "sqlserver":
                // Add-KrDistributedSqlServerCache is this call; the connection string, schema and table come from the server's settings.
                services.AddDistributedSqlServerCache(_ => { });
                services.AddOptions<SqlServerCacheOptions>().Configure<IOptions<SessionsServerOptions>>((cache, server) =>
                {
                    cache.ConnectionString = server.Value.ConnectionString;
                    cache.SchemaName = string.IsNullOrWhiteSpace(server.Value.SchemaName) ? "dbo" : server.Value.SchemaName;
                    cache.TableName = server.Value.TableName;
                });
                // The official cache never creates its table; Sessions:CreateTable makes it once, before the listener opens.
                services.AddHostedService<StartupTableCreation>();
                break;
            case "redis":
                services.AddStackExchangeRedisCache(_ => { });
                services.AddOptions<RedisCacheOptions>().Configure<IOptions<SessionsServerOptions>>((cache, server) => ApplyRedis(cache, server.Value));
                break;
            case "memory":
                services.AddDistributedMemoryCache();
                break;
            case "postgres" or "sqlite":
                // The tutorial covers neither; the project's relational cache serves them, unwrapped.
                services.AddSingleton<IDistributedCache>(sp => sp.GetRequiredService<RelationalDistributedCache>());
                break;
        }

        return services;
    }

    /// <summary>
    /// The hardened cache: the store's cache guarded by the I/O timeout, its failures named. The store is chosen
    /// when first resolved, from the options.
    /// </summary>
    private static IServiceCollection AddGuardedCache(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<SessionsServerOptions>>().Value;
            return new GuardedDistributedCache(
                CreateHardenedStore(sp, options),
                options.NormalizedStore,
                options.IOTimeout,
                sp.GetRequiredService<ILogger<GuardedDistributedCache>>(),
                passThrough: error => error is SessionTableMissingException);
        });
        services.AddSingleton<IDistributedCache>(sp => sp.GetRequiredService<GuardedDistributedCache>());
        return services;
    }

    /// <summary>
    /// Each store with compare-and-set writes, so a write its client completes after the guard gave up changes nothing
    /// over a newer one. Redis: the official cache, its writes as scripts on the connection the key ring uses.
    /// </summary>
    private static IConditionalDistributedCache CreateHardenedStore(IServiceProvider services, SessionsServerOptions options) => options.NormalizedStore switch
    {
        "memory" => new ConditionalMemoryCache(new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()))),
        "redis" => new ConditionalRedisCache(
            new RedisCache(Options.Create(ApplyRedis(new RedisCacheOptions(), options))),
            services.GetRequiredService<RedisStoreConnection>(),
            RedisInstanceName),
        var relational when RelationalStores.IsRelational(relational) => services.GetRequiredService<RelationalDistributedCache>(),
        var other => throw new InvalidOperationException($"Sessions:Store '{other}' is not a known store."),
    };

    private static RedisCacheOptions ApplyRedis(RedisCacheOptions cache, SessionsServerOptions server)
    {
        cache.Configuration = server.ConnectionString;
        cache.InstanceName = RedisInstanceName;
        return cache;
    }
}
