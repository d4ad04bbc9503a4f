namespace SessionsBench.Stores;

/// <summary>Turns a store name into a ready <see cref="BenchStore"/>, or the reason it is skipped.</summary>
public static class StoreCatalog
{
    public const string PostgresVariable = "SESSIONS_POSTGRES";
    public const string RedisVariable = "SESSIONS_REDIS";
    public const string SqlServerVariable = "SESSIONS_SQLSERVER";

    /// <summary>Null store means skipped; the reason says which variable to set.</summary>
    public static async Task<(BenchStore? Store, string? SkipReason)> OpenAsync(string name) => name switch
    {
        "memory" => (new MemoryBenchStore(), null),
        "sqlite" => (new SqliteBenchStore(), null),
        "redis" => Variable(RedisVariable) is { } redis ? (new RedisBenchStore(redis), null) : (null, Missing(RedisVariable)),
        "postgres" => Variable(PostgresVariable) is { } postgres ? (await PostgresBenchStore.CreateAsync(postgres), null) : (null, Missing(PostgresVariable)),
        "sqlserver" => Variable(SqlServerVariable) is { } sqlServer ? (await SqlServerBenchStore.CreateAsync(sqlServer), null) : (null, Missing(SqlServerVariable)),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a known store"),
    };

    private static string? Variable(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value && !string.IsNullOrWhiteSpace(value) ? value : null;

    private static string Missing(string variable) => $"{variable} is not set (eval \"$(bash ci/services.sh)\" starts local services)";
}
