using Sessions.Testing.Stores;

namespace SessionsBench.Stores;

/// <summary>The suite's own store provisioners by name: the bench makes and drops its databases exactly as the tests do.</summary>
public static class StoreCatalog
{
    /// <param name="connections">Concurrent sessions: a SQL Server pool of that size is opened before the server starts.</param>
    public static StoreProvisioner Create(string name, int connections) => name switch
    {
        "memory" => new MemoryStore(),
        "sqlite" => new SqliteStore(),
        "redis" => new RedisStore(Environment.GetEnvironmentVariable("SESSIONS_REDIS")),
        "postgres" => new PostgresStore(Environment.GetEnvironmentVariable("SESSIONS_POSTGRES")),
        "sqlserver" => new SqlServerStore(Environment.GetEnvironmentVariable("SESSIONS_SQLSERVER"), Math.Max(connections, 8)),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a known store"),
    };
}
