using System.Data.Common;
using Npgsql;
using Sessions.Caching.Configuration;
using Sessions.Caching.Dialects;
using Sessions.Caching.Dialects.Postgres;

namespace Sessions.Caching.Tests.Fixtures;

/// <summary>PostgreSQL from SESSIONS_POSTGRES: a database per run, dropped WITH (FORCE) at the end.</summary>
public sealed class PostgresFixture : StoreFixture
{
    public const string Variable = "SESSIONS_POSTGRES";

    private string? _adminConnectionString;
    private string? _database;

    public override string StoreName => "postgres";

    public override SqlDialect CreateDialect(RelationalCacheOptions options) => new PostgresDialect(options);

    public override DbConnection CreateRawConnection() => new NpgsqlConnection(ConnectionString);

    public override async ValueTask InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(configured))
        {
            Skip($"postgres: {Variable} is not set (e.g. Host=127.0.0.1;Port=5432;Username=postgres;Password=…;Database=postgres).");
            return;
        }

        var admin = new NpgsqlConnectionStringBuilder(configured) { Timeout = 10, Pooling = false };
        _adminConnectionString = admin.ToString();
        try
        {
            await using var connection = new NpgsqlConnection(_adminConnectionString);
            await connection.OpenAsync();
            await using (var version = new NpgsqlCommand("SELECT version()", connection))
            {
                Engine = FirstLine((string)(await version.ExecuteScalarAsync())!);
            }

            _database = RandomDatabaseName();
            await using (var create = new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", connection))
            {
                await create.ExecuteNonQueryAsync();
            }

            ConnectionString = new NpgsqlConnectionStringBuilder(configured) { Database = _database }.ToString();
            Announce();
        }
        catch (Exception error)
        {
            Fail($"postgres: {Variable} is set but {admin.Host}:{admin.Port} did not answer: {error.GetType().Name}: {FirstLine(error.Message)}");
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (_database is not null && _adminConnectionString is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_adminConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        await base.DisposeAsync();
    }
}
