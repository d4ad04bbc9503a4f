using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Sessions.Caching.Provisioning;
using SessionsServer.Configuration;

namespace SessionsServer.Stores;

public static class SessionStoreRegistration
{
    /// <summary>
    /// Registers the server's options (checked at start) and the <see cref="IDistributedCache"/> they name,
    /// guarded by the I/O timeout. The store is chosen when first resolved, so hosts that add configuration
    /// late (tests) are honoured.
    /// </summary>
    public static IServiceCollection AddSessionStore(this IServiceCollection services)
    {
        services.AddSingleton<IConfigureOptions<SessionsServerOptions>, SessionsServerOptionsSetup>();
        services.AddSingleton<IValidateOptions<SessionsServerOptions>, SessionsServerOptionsValidator>();
        services.AddOptions<SessionsServerOptions>().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<SessionsServerOptions>>().Value;
            return new GuardedDistributedCache(
                CreateStore(sp, options),
                options.NormalizedStore,
                options.IOTimeout,
                sp.GetRequiredService<ILogger<GuardedDistributedCache>>(),
                passThrough: error => error is SessionTableMissingException);
        });
        services.AddSingleton<IDistributedCache>(sp => sp.GetRequiredService<GuardedDistributedCache>());
        return services;
    }

    private static IDistributedCache CreateStore(IServiceProvider services, SessionsServerOptions options) => options.NormalizedStore switch
    {
        "memory" => new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions())),
        "redis" => new RedisCache(Options.Create(new RedisCacheOptions
        {
            Configuration = options.ConnectionString,
            InstanceName = "Sessions:",
        })),
        "sqlite" or "sqlserver" or "postgres" => RelationalStores.Create(services, options),
        var other => throw new InvalidOperationException($"Sessions:Store '{other}' is not a known store."),
    };
}
