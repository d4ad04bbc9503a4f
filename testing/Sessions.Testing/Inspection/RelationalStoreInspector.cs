using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;
using Sessions.Caching;

namespace Sessions.Testing.Inspection;

/// <summary>Reads the session table of sqlite, postgres or sqlserver with plain SQL, beside the server's own cache.</summary>
public sealed class RelationalStoreInspector(string store, string connectionString, RelationalDistributedCache cache) : IStoreInspector
{
    public bool IsSqlServer => store == "sqlserver";

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

    /// <summary>
    /// SQL Server only: the session table's schema and name, its columns as "Name type(length) NULL|NOT NULL", its
    /// primary-key columns and whether ExpiresAtTime is indexed, read from the catalog.
    /// </summary>
    public async Task<string> SqlServerTableShapeAsync(CancellationToken cancellationToken)
    {
        if (store != "sqlserver")
        {
            throw new InvalidOperationException($"The {store} store has no SQL Server table.");
        }

        await using var connection = Connect();
        await connection.OpenAsync(cancellationToken);
        var lines = new List<string> { $"table {cache.QualifiedTableName}" };
        await using (var columns = connection.CreateCommand())
        {
            columns.CommandText = $"""
                SELECT c.COLUMN_NAME, c.DATA_TYPE, c.CHARACTER_MAXIMUM_LENGTH, c.IS_NULLABLE FROM INFORMATION_SCHEMA.COLUMNS c
                WHERE QUOTENAME(c.TABLE_SCHEMA) + N'.' + QUOTENAME(c.TABLE_NAME) = N'{cache.QualifiedTableName.Replace("'", "''", StringComparison.Ordinal)}'
                ORDER BY c.ORDINAL_POSITION
                """;
            await using var reader = await columns.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var length = reader.IsDBNull(2) ? "" : $"({(Convert.ToInt64(reader.GetValue(2)) == -1 ? "max" : reader.GetValue(2))})";
                lines.Add($"column {reader.GetString(0)} {reader.GetString(1).ToLowerInvariant()}{length} {(reader.GetString(3) == "YES" ? "NULL" : "NOT NULL")}");
            }
        }

        await using (var keys = connection.CreateCommand())
        {
            var table = cache.QualifiedTableName.Replace("'", "''", StringComparison.Ordinal);
            keys.CommandText = $"""
                SELECT N'primary key ' + col.name FROM sys.indexes i
                JOIN sys.index_columns ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id
                JOIN sys.columns col ON col.object_id = ic.object_id AND col.column_id = ic.column_id
                WHERE i.object_id = OBJECT_ID(N'{table}') AND i.is_primary_key = 1
                UNION ALL
                SELECT N'index on ' + col.name FROM sys.indexes i
                JOIN sys.index_columns ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id
                JOIN sys.columns col ON col.object_id = ic.object_id AND col.column_id = ic.column_id
                WHERE i.object_id = OBJECT_ID(N'{table}') AND i.is_primary_key = 0
                """;
            await using var reader = await keys.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                lines.Add(reader.GetString(0));
            }
        }

        return string.Join('\n', lines);
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
