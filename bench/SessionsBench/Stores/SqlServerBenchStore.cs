using Microsoft.Data.SqlClient;
using Sessions.Testing.Stores;

namespace SessionsBench.Stores;

/// <summary>A fresh SQL Server (or Babelfish) database per run; the server creates its table there, and the database is dropped after.</summary>
public sealed class SqlServerBenchStore : BenchStore
{
    private readonly string _serverConnectionString;
    private readonly string _database = FreshDatabaseName();

    private SqlServerBenchStore(string serverConnectionString)
        : base("sqlserver") => _serverConnectionString = serverConnectionString;

    protected override string? ConnectionString =>
        new SqlConnectionStringBuilder(_serverConnectionString) { InitialCatalog = _database }.ToString();

    public static async Task<SqlServerBenchStore> CreateAsync(string serverConnectionString)
    {
        var store = new SqlServerBenchStore(new SqlConnectionStringBuilder(serverConnectionString) { ConnectTimeout = 10 }.ToString());
        await using var connection = new SqlConnection(store._serverConnectionString);
        await connection.OpenAsync();
        await SqlServerDdl.ExecuteAsync(connection, $"CREATE DATABASE [{store._database}]");
        return store;
    }

    public override async ValueTask DisposeAsync()
    {
        try
        {
            // Pooled connections keep the database in use; DROP DATABASE would fail while they live.
            SqlConnection.ClearAllPools();
            await using var connection = new SqlConnection(_serverConnectionString);
            await connection.OpenAsync();
            await SqlServerDdl.ExecuteAsync(connection, $"DROP DATABASE [{_database}]");
        }
        catch (SqlException ex)
        {
            await Console.Error.WriteLineAsync($"bench: could not drop SQL Server database {_database}: {ex.Message}");
        }

        await base.DisposeAsync();
    }
}
