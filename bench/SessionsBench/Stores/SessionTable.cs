using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;
using Sessions.Caching;
using Sessions.Caching.Configuration;
using Sessions.Testing.Stores;
using SessionsServer.Configuration;
using SessionsServer.Sessions;
using SessionsServer.Stores;

namespace SessionsBench.Stores;

/// <summary>
/// The session table of one relational store, reached without the server: made by the project's own DDL, filled in
/// bulk by one set-based statement per batch (rows are made by the engine, none travels over HTTP or one by one),
/// and swept the way the official SQL Server cache sweeps.
/// </summary>
public sealed class SessionTable
{
    // T-SQL has no row generator; five cross-joined digit tables make 0..99 999, so batches are at most that.
    private const int SqlServerBatch = 100_000;

    private readonly string _store;
    private readonly string _connectionString;
    private readonly string? _statisticsStatement;

    private SessionTable(string store, string connectionString, string qualifiedName, bool isBabelfish)
    {
        _store = store;
        _connectionString = connectionString;
        QualifiedName = qualifiedName;
        _statisticsStatement = StatisticsStatement(store, qualifiedName, isBabelfish);
    }

    public string QualifiedName { get; }

    /// <summary>A valid stored session (the server's own layout: an id and a user), so seeded rows are real sessions.</summary>
    public static byte[] SampleSession { get; } = SessionSerializer.Serialize(
        Guid.NewGuid().ToByteArray(),
        new Dictionary<string, byte[]> { ["user"] = "seeded-user"u8.ToArray(), ["color"] = "teal"u8.ToArray() });

    /// <summary>Makes the table (and index) by the project's DDL, as the server would with <c>Sessions:CreateTable</c>.</summary>
    /// <param name="engine">What the store's provisioner says answered (<see cref="StoreProvisioner.Engine"/>), if it says.</param>
    public static async Task<SessionTable> CreateAsync(string store, IReadOnlyDictionary<string, string?> settings, string? engine, CancellationToken cancellationToken)
    {
        var connectionString = settings["ConnectionStrings:Sessions"] ?? throw new InvalidOperationException($"{store}: no connection string");
        var dialect = RelationalStores.Dialect(new SessionsServerOptions { Store = store, ConnectionString = connectionString });
        using var cache = new RelationalDistributedCache(dialect, new RelationalCacheOptions { ConnectionString = connectionString, CreateTable = true });
        await cache.CreateTableAsync(cancellationToken);
        return new SessionTable(store, connectionString, dialect.QualifiedTableName, SqlServerStore.IsBabelfishEngine(engine));
    }

    /// <summary>Inserts <paramref name="count"/> rows with ids <c>{prefix}{first}</c> onwards, all expiring at <paramref name="expiresAt"/>.</summary>
    public async Task SeedAsync(string prefix, long first, int count, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        await using var connection = Connect();
        await connection.OpenAsync(cancellationToken);
        var batch = _store == "sqlserver" ? SqlServerBatch : count;
        for (var done = 0; done < count; done += batch)
        {
            var rows = Math.Min(batch, count - done);
            await using var command = connection.CreateCommand();
            command.CommandTimeout = 600;
            command.CommandText = SeedStatement();
            Add(command, "Prefix", prefix);
            Add(command, "From", first + done);
            Add(command, "Count", (long)rows);
            Add(command, "Value", SampleSession);
            Add(command, "ExpiresAt", _store == "sqlite" ? expiresAt.UtcTicks : expiresAt);
            Add(command, "Sliding", (long)TimeSpan.FromMinutes(20).TotalSeconds);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        if (_statisticsStatement is { } statement)
        {
            await using var statistics = connection.CreateCommand();
            statistics.CommandTimeout = 600;
            statistics.CommandText = statement;
            await statistics.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>
    /// What <c>Microsoft.Extensions.Caching.SqlServer</c> runs to sweep: one unbatched DELETE of every expired row.
    /// Returns the rows deleted.
    /// </summary>
    public async Task<int> DeleteExpiredInOneStatementAsync(CancellationToken cancellationToken)
    {
        await using var connection = Connect();
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandTimeout = 600;
        var expiry = _store == "sqlserver" ? "ExpiresAtTime" : "\"ExpiresAtTime\"";
        command.CommandText = $"DELETE FROM {QualifiedName} WHERE @UtcNow > {expiry}";
        var now = DateTimeOffset.UtcNow;
        Add(command, "UtcNow", _store == "sqlite" ? now.UtcTicks : now);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private DbConnection Connect() => _store switch
    {
        "sqlite" => new SqliteConnection(_connectionString),
        "postgres" => new NpgsqlConnection(_connectionString),
        "sqlserver" => new SqlConnection(_connectionString),
        var other => throw new InvalidOperationException($"'{other}' has no session table."),
    };

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    /// <summary>
    /// Fresh statistics (and, on PostgreSQL, a vacuumed table) after a bulk insert, as a table that grew over weeks has:
    /// otherwise the engine's background analysis of the new rows runs during the measured row, on the same two cores.
    /// Null on Babelfish, which refuses UPDATE STATISTICS ("not currently supported"); PostgreSQL's autovacuum under it
    /// analyzes the table in its own time, which the README's growth figures for sqlserver say.
    /// </summary>
    private static string? StatisticsStatement(string store, string table, bool isBabelfish) => store switch
    {
        "sqlite" => "ANALYZE;",
        "postgres" => $"VACUUM (ANALYZE) {table}",
        _ => isBabelfish ? null : $"UPDATE STATISTICS {table}",
    };

    private string SeedStatement() => _store switch
    {
        "sqlite" =>
            $"INSERT INTO {QualifiedName} (\"Id\", \"Value\", \"ExpiresAtTime\", \"SlidingExpirationInSeconds\", \"AbsoluteExpiration\") " +
            "WITH RECURSIVE n(i) AS (SELECT @From UNION ALL SELECT i + 1 FROM n WHERE i < @From + @Count - 1) " +
            "SELECT @Prefix || i, @Value, @ExpiresAt, @Sliding, NULL FROM n",
        "postgres" =>
            $"INSERT INTO {QualifiedName} (\"Id\", \"Value\", \"ExpiresAtTime\", \"SlidingExpirationInSeconds\", \"AbsoluteExpiration\") " +
            "SELECT @Prefix || g, @Value, @ExpiresAt, @Sliding, NULL FROM generate_series(@From, @From + @Count - 1) AS g",
        _ =>
            "WITH d AS (SELECT v FROM (VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)) AS t(v)), " +
            "n AS (SELECT a.v + 10 * b.v + 100 * c.v + 1000 * e.v + 10000 * f.v AS i " +
            "FROM d AS a CROSS JOIN d AS b CROSS JOIN d AS c CROSS JOIN d AS e CROSS JOIN d AS f) " +
            $"INSERT INTO {QualifiedName} (Id, Value, ExpiresAtTime, SlidingExpirationInSeconds, AbsoluteExpiration) " +
            "SELECT CONCAT(@Prefix, @From + i), @Value, @ExpiresAt, @Sliding, NULL FROM n WHERE i < @Count",
    };
}
