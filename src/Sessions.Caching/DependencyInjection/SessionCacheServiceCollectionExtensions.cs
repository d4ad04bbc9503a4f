using System.Diagnostics.Metrics;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sessions.Caching;
using Sessions.Caching.Configuration;
using Sessions.Caching.Dialects;
using Sessions.Caching.Dialects.Postgres;
using Sessions.Caching.Dialects.Sqlite;
using Sessions.Caching.Dialects.SqlServer;

// In the DI namespace, like the official AddDistributedSqlServerCache, so callers need no extra using.
namespace Microsoft.Extensions.DependencyInjection;

public static class SessionCacheServiceCollectionExtensions
{
    /// <summary>Registers the SQL Server session store as the <see cref="IDistributedCache"/>.</summary>
    public static IServiceCollection AddSqlServerSessionCache(this IServiceCollection services, Action<RelationalCacheOptions> configure) =>
        services.AddRelationalSessionCache(configure, options => new SqlServerDialect(options));

    /// <summary>Registers the PostgreSQL session store as the <see cref="IDistributedCache"/>.</summary>
    public static IServiceCollection AddPostgresSessionCache(this IServiceCollection services, Action<RelationalCacheOptions> configure) =>
        services.AddRelationalSessionCache(configure, options => new PostgresDialect(options));

    /// <summary>Registers the SQLite session store as the <see cref="IDistributedCache"/>.</summary>
    public static IServiceCollection AddSqliteSessionCache(this IServiceCollection services, Action<RelationalCacheOptions> configure) =>
        services.AddRelationalSessionCache(configure, options => new SqliteDialect(options));

    private static IServiceCollection AddRelationalSessionCache(
        this IServiceCollection services, Action<RelationalCacheOptions> configure, Func<RelationalCacheOptions, SqlDialect> dialect)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);

        services.AddOptions<RelationalCacheOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RelationalCacheOptions>, RelationalCacheOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<RelationalCacheOptions>>().Value;
            return new RelationalDistributedCache(
                dialect(options),
                options,
                provider.GetRequiredService<TimeProvider>(),
                provider.GetService<ILogger<RelationalDistributedCache>>(),
                provider.GetService<IMeterFactory>());
        });

        // Added, not TryAdded: registering a session store means it replaces any earlier cache.
        services.AddSingleton<IDistributedCache>(provider => provider.GetRequiredService<RelationalDistributedCache>());
        return services;
    }
}
