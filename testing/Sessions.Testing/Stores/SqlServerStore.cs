using Microsoft.Data.SqlClient;
using Sessions.Testing.Stores;
using Sessions.Testing.Hosting;

namespace Sessions.Testing.Stores;

/// <summary>
/// The SQL Server column: SESSIONS_SQLSERVER when set, else a SQL Server container when a Docker engine answers,
/// else unavailable. Each run makes its own database and drops it at the end. The engine's @@VERSION is kept so
/// nobody mistakes a Babelfish run (a T-SQL/TDS engine on PostgreSQL) for SQL Server itself. With
/// <c>leastPrivilege</c> the server gets a login of its own with no server role that may only create and use tables
/// in this database's dbo schema (see <see cref="CreateLoginAsync"/> for Babelfish), as a DBA would give a service.
/// </summary>
public sealed class SqlServerStore : StoreProvisioner
{
    private readonly string? _configured;
    private readonly string? _dockerProbe;
    private readonly SqlServerContainer? _container;
    private readonly string _database = $"sessions_test_{Guid.NewGuid():N}"[..28];
    private readonly int _connections;
    private readonly bool _leastPrivilege;
    private readonly string _login = $"sessions_run_{Guid.NewGuid():N}"[..25];
    private bool _loginCreated;
    // Every login this store made (the server's, and any without rights), dropped at the end.
    private readonly List<string> _logins = [];
    private string? _serverConnectionString;
    private string? _ownConnectionString;
    private bool _created;

    /// <param name="configured">SESSIONS_SQLSERVER, or null.</param>
    /// <param name="connections">
    /// The most connections the servers on this database may hold, all opened before they start. Bounded and warm
    /// because an engine that forks a process per login (Babelfish) takes seconds for a burst of logins on a busy
    /// two-core machine, longer than the hardened profile's 10 s I/O timeout; queueing for one of a few open
    /// connections costs milliseconds.
    /// </param>
    /// <param name="leastPrivilege">Run the server under a login of its own (see the class summary).</param>
    public SqlServerStore(string? configured, int connections = 8, bool leastPrivilege = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(connections, 1);
        _connections = connections;
        _leastPrivilege = leastPrivilege;
        _configured = string.IsNullOrWhiteSpace(configured) ? null : configured;
        _container = _configured is null && SqlServerContainer.DockerAnswers(out _dockerProbe) ? new SqlServerContainer() : null;
    }

    public override string Name => "sqlserver";

    public override string? UnavailableReason => _configured is null && _container is null
        ? $"SESSIONS_SQLSERVER is not set and no Docker engine answers for Testcontainers ({_dockerProbe}); set SESSIONS_SQLSERVER, start Docker, or run `eval \"$(bash ci/services.sh)\"` (Babelfish)"
        : null;

    public override string? Engine => EngineVersion is null
        ? null
        : $"engine {EngineVersion} ({Source}), database {_database}" + (_loginCreated ? $", login {_login} ({LoginRights})" : "");

    private string LoginRights => IsBabelfish ? "owner of this database only" : "may create and use tables in dbo only";

    /// <summary>What <see cref="PrepareAsync"/> returned; null before. A store emptied for reuse hands these on.</summary>
    public IReadOnlyDictionary<string, string?>? PreparedSettings { get; private set; }

    /// <summary>First line of SELECT @@VERSION, once prepared.</summary>
    public string? EngineVersion { get; private set; }

    public bool IsBabelfish => IsBabelfishEngine(EngineVersion);

    /// <summary>Whether an engine description (@@VERSION, or <see cref="Engine"/>) names Babelfish.</summary>
    public static bool IsBabelfishEngine(string? engine) => engine?.Contains("Babelfish", StringComparison.OrdinalIgnoreCase) == true;

    private string Source => _configured is not null ? "from SESSIONS_SQLSERVER" : $"Testcontainers {SqlServerContainer.Image}";

    public override async Task<IReadOnlyDictionary<string, string?>> PrepareAsync(CancellationToken cancellationToken)
    {
        _serverConnectionString = _configured ?? await _container!.StartAsync(cancellationToken);
        var server = new SqlConnectionStringBuilder(_serverConnectionString) { ConnectTimeout = 10 };
        try
        {
            await using var connection = new SqlConnection(server.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var version = new SqlCommand("SELECT @@VERSION", connection);
            var text = (string?)await version.ExecuteScalarAsync(cancellationToken) ?? "";
            EngineVersion = text.Split('\n')[0].Trim();
            await SqlServerDdl.ExecuteAsync(connection, $"CREATE DATABASE [{_database}]", cancellationToken);
            _created = true;
        }
        catch (SqlException ex)
        {
            throw new ServerStartException($"{Source}: the SQL Server at {server.DataSource} does not answer: {ServerStartException.FirstLine(ex)}", ex);
        }

        // Said on the console as well as in the report: this line is what tells a Babelfish run from a SQL Server run.
        Console.WriteLine($"sqlserver target: {Engine}");
        // NeverBlock is what the server's dialect would add; written here, the string the server uses is this exact
        // one, so the connections opened below land in the very pool the server draws from.
        var own = new SqlConnectionStringBuilder(_serverConnectionString)
        {
            InitialCatalog = _database,
            PoolBlockingPeriod = PoolBlockingPeriod.NeverBlock,
            MaxPoolSize = _connections,
        };
        var settings = RelationalSettings("sqlserver", own.ConnectionString);
        if (_leastPrivilege)
        {
            // Unpooled: a pooled admin connection left in the database would keep DROP DATABASE from ever succeeding.
            var password = await CreateLoginAsync(new SqlConnectionStringBuilder(own.ConnectionString) { Pooling = false }.ConnectionString, cancellationToken);
            own.UserID = _login;
            own.Password = password;
            settings["ConnectionStrings:Sessions"] = own.ConnectionString;
        }

        _ownConnectionString = own.ConnectionString;
        await WarmPoolAsync(own.ConnectionString, _connections, cancellationToken);
        return PreparedSettings = settings;
    }

    /// <summary>
    /// A login with no server role whose user in this database may create tables in dbo and use them, and nothing
    /// else: the tutorial's table is dbo.Sessions, and in SQL Server a table made in dbo belongs to dbo, so its creator
    /// needs the data rights on the schema as well. Babelfish refuses every one of those grants ("'GRANT Database' /
    /// 'GRANT PERMISSION ALTER' is not currently supported", no db_ddladmin); the closest it allows is making the
    /// login the owner of this test database alone, which is what it gets there.
    /// </summary>
    private async Task<string> CreateLoginAsync(string adminInDatabase, CancellationToken cancellationToken)
    {
        var password = RandomPassword();
        await using (var server = new SqlConnection(_serverConnectionString))
        {
            await server.OpenAsync(cancellationToken);
            await SqlServerDdl.ExecuteAsync(server, $"CREATE LOGIN [{_login}] WITH PASSWORD = '{password}'", cancellationToken);
            _loginCreated = true;
            _logins.Add(_login);
            if (IsBabelfish)
            {
                await SqlServerDdl.ExecuteAsync(server, $"ALTER AUTHORIZATION ON DATABASE::[{_database}] TO [{_login}]", cancellationToken);
                return password;
            }
        }

        await SqlStatements.RunAsync(
            new SqlConnection(adminInDatabase),
            cancellationToken,
            $"CREATE USER [{_login}] FOR LOGIN [{_login}]",
            $"GRANT CREATE TABLE TO [{_login}]",
            $"GRANT ALTER, SELECT, INSERT, UPDATE, DELETE ON SCHEMA::[dbo] TO [{_login}]");
        return password;
    }

    /// <summary>
    /// Every scenario of a column starts at once. A pool opened here first is what a server that has been up a while
    /// has; the query on each connection matters as much as the login, because a Babelfish backend pays a few hundred
    /// milliseconds of CPU for its first parameterised statement (SQL Server does not).
    /// </summary>
    /// <param name="connectionString">Exactly the string the server will use: a pool is found by its string.</param>
    /// <param name="count">Connections to open; the string's Max Pool Size when null.</param>
    public static async Task WarmPoolAsync(string connectionString, int? count = null, CancellationToken cancellationToken = default)
    {
        var connections = Enumerable.Range(0, count ?? new SqlConnectionStringBuilder(connectionString).MaxPoolSize).Select(_ => new SqlConnection(connectionString)).ToList();
        try
        {
            await Task.WhenAll(connections.Select(async connection =>
            {
                await connection.OpenAsync(cancellationToken);
                await using var query = new SqlCommand("SELECT COUNT(*) FROM sys.objects WHERE name = @name", connection);
                query.Parameters.Add(new SqlParameter("@name", System.Data.SqlDbType.NVarChar, 128) { Value = "Sessions" });
                await query.ExecuteScalarAsync(cancellationToken);
            }));
        }
        finally
        {
            // Closing returns each to the pool, open and ready.
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Makes the prepared database as it was just after <see cref="PrepareAsync"/>: every table dropped (a trigger
    /// goes with its table), so a server started next finds no session, no key ring and no table. Its login and its
    /// warm connections stay, which is what a reuse is for: on Babelfish each new connection costs about half a
    /// second of CPU.
    /// </summary>
    public async Task EmptyAsync(CancellationToken cancellationToken)
    {
        await using var connection = new SqlConnection(_ownConnectionString);
        await connection.OpenAsync(cancellationToken);
        var tables = new List<string>();
        // The engine quotes the names (QUOTENAME), as the server's dialect would.
        await using (var list = new SqlCommand("SELECT QUOTENAME(s.name) + '.' + QUOTENAME(t.name) FROM sys.tables t JOIN sys.schemas s ON s.schema_id = t.schema_id", connection))
        await using (var reader = await list.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            await using var drop = new SqlCommand($"DROP TABLE {table}", connection) { CommandTimeout = 10 };
            await drop.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>A login with a user in this database and no grant at all.</summary>
    public override async Task<string?> LoginWithoutRightsAsync(CancellationToken cancellationToken)
    {
        var login = $"sessions_none_{Guid.NewGuid():N}"[..26];
        var password = RandomPassword();
        await using (var server = new SqlConnection(_serverConnectionString))
        {
            await server.OpenAsync(cancellationToken);
            await SqlServerDdl.ExecuteAsync(server, $"CREATE LOGIN [{login}] WITH PASSWORD = '{password}'", cancellationToken);
            _logins.Add(login);
        }

        var admin = new SqlConnectionStringBuilder(_serverConnectionString) { InitialCatalog = _database, Pooling = false };
        await SqlStatements.RunAsync(new SqlConnection(admin.ConnectionString), cancellationToken, $"CREATE USER [{login}] FOR LOGIN [{login}]");
        // Unpooled, so no connection of it is left to keep DROP DATABASE waiting.
        return new SqlConnectionStringBuilder(_ownConnectionString) { UserID = login, Password = password, Pooling = false }.ConnectionString;
    }

    public override async ValueTask DisposeAsync()
    {
        try
        {
            await DropDatabaseAsync();
        }
        finally
        {
            // Their users go with the database; logins are the server's, and must not outlive a failed drop.
            await DropLoginsAsync();
        }

        if (_container is not null)
        {
            await _container.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    private async Task DropLoginsAsync()
    {
        if (_logins.Count == 0)
        {
            return;
        }

        await using var connection = new SqlConnection(_serverConnectionString);
        await connection.OpenAsync();
        // Each removed once dropped: a caller may try the whole disposal again after the database's drop failed.
        while (_logins.Count > 0)
        {
            await EndSessionsAsync(connection, _logins[^1]);
            await SqlServerDdl.ExecuteAsync(connection, $"DROP LOGIN [{_logins[^1]}]");
            _logins.RemoveAt(_logins.Count - 1);
        }
    }

    /// <summary>
    /// SQL Server refuses to drop a login that is still connected (15434), and clearing a pool closes only its idle
    /// connections: one a server had checked out when it stopped, or one of a pool this process never saw (the lock
    /// pool of a killed instance), can stay logged in for as long as the engine keeps it. The run is over, so they go.
    /// </summary>
    private static async Task EndSessionsAsync(SqlConnection connection, string login)
    {
        var sessions = new List<int>();
        await using (var find = new SqlCommand("SELECT session_id FROM sys.dm_exec_sessions WHERE login_name = @login", connection))
        {
            find.Parameters.Add(new SqlParameter("@login", System.Data.SqlDbType.NVarChar, 128) { Value = login });
            await using var reader = await find.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                // smallint on SQL Server, int on Babelfish (a PostgreSQL backend's pid).
                sessions.Add(Convert.ToInt32(reader.GetValue(0)));
            }
        }

        foreach (var session in sessions)
        {
            try
            {
                await SqlServerDdl.ExecuteAsync(connection, $"KILL {session}");
            }
            catch (SqlException ex) when (ex.Number == 6106 || ex.Message.Contains("is not an active process ID", StringComparison.Ordinal))
            {
                // It ended by itself between the query and the KILL: what the KILL was for (Babelfish gives no 6106).
            }
        }
    }

    private async Task DropDatabaseAsync()
    {
        if (!_created)
        {
            return;
        }

        // Only this database's pool: clearing them all would make every other column log in afresh mid-run.
        await using (var own = new SqlConnection(_ownConnectionString))
        {
            SqlConnection.ClearPool(own);
        }

        await using var connection = new SqlConnection(_serverConnectionString);
        await connection.OpenAsync();
        // SQL Server refuses to drop a database in use; Babelfish has no SINGLE_USER and needs none once pools are cleared.
        var drop = IsBabelfish
            ? $"DROP DATABASE [{_database}]"
            : $"ALTER DATABASE [{_database}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{_database}]";
        await SqlServerDdl.ExecuteAsync(connection, drop);
        _created = false;
    }
}
