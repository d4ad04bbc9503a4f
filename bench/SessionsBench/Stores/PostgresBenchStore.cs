using Npgsql;

namespace SessionsBench.Stores;

/// <summary>A fresh PostgreSQL database per run; the server creates its table there, and the database is dropped after.</summary>
public sealed class PostgresBenchStore : BenchStore
{
    private readonly string _serverConnectionString;
    private readonly string _database = FreshDatabaseName();

    private PostgresBenchStore(string serverConnectionString)
        : base("postgres") => _serverConnectionString = serverConnectionString;

    protected override string? ConnectionString =>
        new NpgsqlConnectionStringBuilder(_serverConnectionString) { Database = _database }.ToString();

    public static async Task<PostgresBenchStore> CreateAsync(string serverConnectionString)
    {
        var store = new PostgresBenchStore(serverConnectionString);
        await using var connection = new NpgsqlConnection(serverConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{store._database}\"", connection);
        await create.ExecuteNonQueryAsync();
        return store;
    }

    public override async ValueTask DisposeAsync()
    {
        try
        {
            // The server's pooled connections would keep the database in use; FORCE ends any that remain.
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_serverConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException ex)
        {
            await Console.Error.WriteLineAsync($"bench: could not drop PostgreSQL database {_database}: {ex.Message}");
        }

        await base.DisposeAsync();
    }
}
