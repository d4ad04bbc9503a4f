using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;
using Sessions.Caching;

namespace Sessions.Specs.Support.Inspection;

/// <summary>Reads the session table of sqlite, postgres or sqlserver with plain SQL, beside the server's own cache.</summary>
public sealed class RelationalStoreInspector(string store, string connectionString, RelationalDistributedCache cache) : IStoreInspector
{
    public async Task<StoredSession?> ReadAsync(string sessionKey, CancellationToken cancellationToken)
    {
        await using var connection = Connect();
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // SQL Server's standard table uses bare names; the PostgreSQL and SQLite dialects quote the same names.
        command.CommandText = store == "sqlserver"
            ? $"SELECT Value, ExpiresAtTime FROM {cache.QualifiedTableName} WHERE Id = @id"
            : $"SELECT \"Value\", \"ExpiresAtTime\" FROM {cache.QualifiedTableName} WHERE \"Id\" = @id";
        var id = command.CreateParameter();
        id.ParameterName = "@id";
        id.Value = sessionKey;
        command.Parameters.Add(id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var value = (byte[])reader.GetValue(0);
        return new StoredSession(value, ToInstant(reader.GetValue(1)), $"{store} table {cache.QualifiedTableName}, Id = '{sessionKey}'");
    }

    public async Task<string> SweepAsync(CancellationToken cancellationToken)
    {
        var deleted = await cache.DeleteExpiredItemsAsync(cancellationToken);
        return $"DeleteExpiredItemsAsync on {cache.QualifiedTableName} deleted {deleted} expired row(s)";
    }

    private DbConnection Connect() => store switch
    {
        "sqlserver" => new SqlConnection(connectionString),
        "postgres" => new NpgsqlConnection(connectionString),
        "sqlite" => new SqliteConnection(connectionString),
        _ => throw new InvalidOperationException($"'{store}' has no session table."),
    };

    // Each engine hands the expiry back in its own type: datetimeoffset, timestamptz (UTC DateTime), or SQLite's UTC ticks.
    private static DateTimeOffset ToInstant(object value) => value switch
    {
        DateTimeOffset offset => offset,
        DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
        long ticks => new DateTimeOffset(ticks, TimeSpan.Zero),
        _ => throw new InvalidOperationException($"Unexpected ExpiresAtTime type {value.GetType().Name}."),
    };
}
