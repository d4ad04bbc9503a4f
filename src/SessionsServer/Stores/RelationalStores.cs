using System.Diagnostics.Metrics;
using Sessions.Caching;
using Sessions.Caching.Configuration;
using Sessions.Caching.Dialects;
using Sessions.Caching.Dialects.Postgres;
using Sessions.Caching.Dialects.Sqlite;
using Sessions.Caching.Dialects.SqlServer;
using SessionsServer.Configuration;

namespace SessionsServer.Stores;

/// <summary>Builds the project's own relational caches (sqlite, sqlserver, postgres) from the server's options.</summary>
internal static class RelationalStores
{
    public static RelationalDistributedCache Create(IServiceProvider services, SessionsServerOptions options)
    {
        var cacheOptions = new RelationalCacheOptions
        {
            ConnectionString = string.IsNullOrWhiteSpace(options.ConnectionString) && options.NormalizedStore == "sqlite"
                ? $"Data Source={SessionsServerOptions.DefaultSqliteFile}"
                : options.ConnectionString,
            SchemaName = string.IsNullOrWhiteSpace(options.SchemaName) ? null : options.SchemaName,
            TableName = options.TableName,
            CreateTable = options.ShouldCreateTable,
        };
        SqlDialect dialect = options.NormalizedStore switch
        {
            "sqlserver" => new SqlServerDialect(cacheOptions),
            "postgres" => new PostgresDialect(cacheOptions),
            "sqlite" => new SqliteDialect(cacheOptions),
            var other => throw new InvalidOperationException($"'{other}' is not a relational store."),
        };
        return new RelationalDistributedCache(
            dialect,
            cacheOptions,
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILogger<RelationalDistributedCache>>(),
            services.GetService<IMeterFactory>());
    }
}
