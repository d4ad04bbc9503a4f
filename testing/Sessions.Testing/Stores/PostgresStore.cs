using Npgsql;
using Sessions.Testing.Hosting;

namespace Sessions.Testing.Stores;

/// <summary>
/// PostgreSQL from SESSIONS_POSTGRES, in a database made for this run and dropped at its end. With
/// <paramref name="leastPrivilege"/> the server gets a login of its own that may only create and use tables in the
/// database's public schema (no database-level CREATE, no role rights), as a DBA would give a service.
/// </summary>
public sealed class PostgresStore(string? adminConnectionString, bool leastPrivilege = false) : StoreProvisioner
{
    private readonly string _role = $"sessions_run_{Guid.NewGuid():N}"[..25];
    private bool _roleCreated;
    // Every role this store made (the server's, and any without rights), dropped at the end.
    private readonly List<string> _roles = [];

    private readonly string _database = $"sessions_test_{Guid.NewGuid():N}"[..28];
    private string? _ownConnectionString;
    private string? _version;
    private bool _created;

    public override string Name => "postgres";

    public override string? Engine => _created
        ? $"engine {_version}, database {_database}" + (_roleCreated ? $", login {_role} (may only create tables in public)" : "")
        : null;

    public override string? UnavailableReason => string.IsNullOrWhiteSpace(adminConnectionString)
        ? "SESSIONS_POSTGRES is not set (e.g. Host=127.0.0.1;Username=postgres;Password=...); `eval \"$(bash ci/services.sh)\"` starts PostgreSQL and sets it"
        : null;

    public override async Task<IReadOnlyDictionary<string, string?>> PrepareAsync(CancellationToken cancellationToken)
    {
        var admin = new NpgsqlConnectionStringBuilder(adminConnectionString) { Timeout = 5 };
        try
        {
            await using var connection = new NpgsqlConnection(admin.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using (var version = new NpgsqlCommand("SELECT version()", connection))
            {
                _version = ((string?)await version.ExecuteScalarAsync(cancellationToken) ?? "").Split('\n')[0].Trim();
            }

            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
            _created = true;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            throw new ServerStartException($"SESSIONS_POSTGRES is set but PostgreSQL at {admin.Host}:{admin.Port} does not answer: {ServerStartException.FirstLine(ex)}", ex);
        }

        var own = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = _database };
        if (leastPrivilege)
        {
            var password = RandomPassword();
            await SqlStatements.RunAsync(
                new NpgsqlConnection(own.ConnectionString),
                cancellationToken,
                $"CREATE ROLE \"{_role}\" LOGIN PASSWORD '{password}'",
                $"GRANT USAGE, CREATE ON SCHEMA public TO \"{_role}\"",
                // Membership lets the (non-superuser) admin end the login's connections when it drops the database.
                $"GRANT \"{_role}\" TO CURRENT_USER");

            _roleCreated = true;
            _roles.Add(_role);
            own.Username = _role;
            own.Password = password;
        }

        _ownConnectionString = own.ConnectionString;
        return RelationalSettings("postgres", own.ConnectionString);
    }

    /// <summary>A role that may log in (PUBLIC may connect and use the public schema) and was granted nothing.</summary>
    public override async Task<string?> LoginWithoutRightsAsync(CancellationToken cancellationToken)
    {
        var role = $"sessions_none_{Guid.NewGuid():N}"[..26];
        var password = RandomPassword();
        await SqlStatements.RunAsync(
            new NpgsqlConnection(adminConnectionString),
            cancellationToken,
            $"CREATE ROLE \"{role}\" LOGIN PASSWORD '{password}'",
            // As for the server's login: lets the admin end the role's connections when it drops the database.
            $"GRANT \"{role}\" TO CURRENT_USER");
        _roles.Add(role);
        return new NpgsqlConnectionStringBuilder(_ownConnectionString) { Username = role, Password = password }.ConnectionString;
    }

    public override async ValueTask DisposeAsync()
    {
        if (_created)
        {
            // The server's pooled connections would block the drop; FORCE ends any that remain. Only this database's
            // pool: clearing them all would make every other column log in afresh mid-run.
            await using (var own = new NpgsqlConnection(_ownConnectionString))
            {
                NpgsqlConnection.ClearPool(own);
            }

            await using var connection = new NpgsqlConnection(adminConnectionString);
            await connection.OpenAsync();
            await DropDatabaseAsync(connection);
            // What they owned went with the database.
            foreach (var role in _roles)
            {
                await using var dropRole = new NpgsqlCommand($"DROP ROLE IF EXISTS \"{role}\"", connection);
                await dropRole.ExecuteNonQueryAsync();
            }
        }

        await base.DisposeAsync();
    }

    /// <summary>
    /// FORCE ends the connections left in the database, but the admin is no superuser: when an autovacuum worker is
    /// in the database at that moment (after a benchmark's writes, often), FORCE refuses with 42501 for all of them.
    /// A plain DROP cancels an autovacuum worker itself, so after ending the client connections this role may end,
    /// it is tried until they are gone.
    /// </summary>
    private async Task DropDatabaseAsync(NpgsqlConnection connection)
    {
        try
        {
            await using var force = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
            await force.ExecuteNonQueryAsync();
            return;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            // An autovacuum worker: handled below.
        }

        for (var attempt = 1; ; attempt++)
        {
            await using (var end = new NpgsqlCommand(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = @database AND backend_type = 'client backend' AND pid <> pg_backend_pid()", connection))
            {
                end.Parameters.AddWithValue("database", _database);
                await end.ExecuteNonQueryAsync();
            }

            try
            {
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\"", connection);
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 10)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt));
            }
        }
    }
}
