using System.Data.Common;
using Microsoft.Data.SqlClient;
using Sessions.Testing.Stores;
using Sessions.Caching.Configuration;
using Sessions.Caching.Dialects;
using Sessions.Caching.Dialects.SqlServer;
using Testcontainers.MsSql;

namespace Sessions.Caching.Tests.Fixtures;

/// <summary>
/// SQL Server from, in order: SESSIONS_SQLSERVER; a Testcontainers SQL Server when Docker answers;
/// otherwise every test is skipped. The engine's @@VERSION line is announced so a run on Babelfish
/// can never pass for a run on SQL Server.
/// </summary>
public sealed class SqlServerFixture : StoreFixture
{
    public const string Variable = "SESSIONS_SQLSERVER";

    private MsSqlContainer? _container;
    private string? _serverConnectionString;
    private string? _database;

    public override string StoreName => "sqlserver";

    /// <summary>Babelfish speaks TDS and T-SQL but differs in places; tests skip only those places.</summary>
    public bool IsBabelfish => Engine.Contains("Babelfish", StringComparison.OrdinalIgnoreCase);

    public override SqlDialect CreateDialect(RelationalCacheOptions options) => new SqlServerDialect(options);

    public override DbConnection CreateRawConnection() => new SqlConnection(ConnectionString);

    public override async ValueTask InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable(Variable);
        string source;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            source = configured;
        }
        else
        {
            try
            {
                _container = new MsSqlBuilder("mcr.microsoft.com/mssql/server:2022-latest").Build();
                await _container.StartAsync();
                source = _container.GetConnectionString();
            }
            catch (Exception error)
            {
                Skip($"sqlserver: {Variable} is not set and Testcontainers found no Docker engine ({error.GetType().Name}: {FirstLine(error.Message)}).");
                return;
            }
        }

        var server = new SqlConnectionStringBuilder(source) { ConnectTimeout = 10 };
        _serverConnectionString = server.ToString();
        try
        {
            await using var connection = new SqlConnection(_serverConnectionString);
            await connection.OpenAsync();
            await using (var version = new SqlCommand("SELECT @@VERSION", connection))
            {
                Engine = FirstLine((string)(await version.ExecuteScalarAsync())!);
            }

            _database = RandomDatabaseName();
            await SqlServerDdl.ExecuteAsync(connection, $"CREATE DATABASE [{_database}]");

            ConnectionString = new SqlConnectionStringBuilder(source) { InitialCatalog = _database }.ToString();
            Announce();
        }
        catch (Exception error)
        {
            Fail($"sqlserver: {Variable} is set but the server {server.DataSource} did not answer: {error.GetType().Name}: {FirstLine(error.Message)}");
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (_database is not null && _serverConnectionString is not null)
        {
            // Pooled connections keep the database in use; DROP DATABASE would fail.
            SqlConnection.ClearAllPools();
            await using var connection = new SqlConnection(_serverConnectionString);
            await connection.OpenAsync();
            await SqlServerDdl.ExecuteAsync(connection, $"DROP DATABASE [{_database}]");
        }

        if (_container is not null)
        {
            await _container.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
