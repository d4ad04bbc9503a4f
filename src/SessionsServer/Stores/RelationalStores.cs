using System.Diagnostics.Metrics;
using Sessions.Caching;
using Sessions.Caching.Configuration;
using Sessions.Caching.Dialects;
using Sessions.Caching.Dialects.Postgres;
using Sessions.Caching.Dialects.Sqlite;
using Sessions.Caching.Dialects.SqlServer;
using SessionsServer.Configuration;

namespace SessionsServer.Stores;

/// <summary>
/// Builds the project's relational cache (sqlite, sqlserver, postgres) from the server's options: what serves
/// sessions where a profile uses it, and in every profile what creates the table (<c>schema create</c>) and
/// what the key ring's SQL is written for.
/// </summary>
internal static class RelationalStores
{
    public static bool IsRelational(string store) => store is "sqlite" or "sqlserver" or "postgres";

    public static RelationalDistributedCache Create(IServiceProvider services, SessionsServerOptions options)
    {
        var cacheOptions = CacheOptions(options);
        return new RelationalDistributedCache(
            Dialect(cacheOptions, options.NormalizedStore),
            cacheOptions,
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILogger<RelationalDistributedCache>>(),
            services.GetService<IMeterFactory>());
    }

    /// <summary>The dialect of the configured store, for SQL beside the session table (the key ring's).</summary>
    public static SqlDialect Dialect(SessionsServerOptions options) => Dialect(CacheOptions(options), options.NormalizedStore);

    private static RelationalCacheOptions CacheOptions(SessionsServerOptions options) => new()
    {
        ConnectionString = string.IsNullOrWhiteSpace(options.ConnectionString) && options.NormalizedStore == "sqlite"
            ? $"Data Source={SessionsServerOptions.DefaultSqliteFile}"
            : options.ConnectionString,
        SchemaName = string.IsNullOrWhiteSpace(options.SchemaName) ? null : options.SchemaName,
        TableName = options.TableName,
        CreateTable = options.ShouldCreateTable,
    };

    private static SqlDialect Dialect(RelationalCacheOptions cacheOptions, string store) => store switch
    {
        "sqlserver" => new SqlServerDialect(cacheOptions),
        "postgres" => new PostgresDialect(cacheOptions),
        "sqlite" => new SqliteDialect(cacheOptions),
        var other => throw new InvalidOperationException($"'{other}' is not a relational store."),
    };

    /// <summary>The sqlite database file, or null for an in-memory database.</summary>
    public static string? SqliteFile(SessionsServerOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return SessionsServerOptions.DefaultSqliteFile;
        }

        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(options.ConnectionString);
        return string.IsNullOrWhiteSpace(builder.DataSource) || builder.DataSource == ":memory:" ? null : builder.DataSource;
    }
}
