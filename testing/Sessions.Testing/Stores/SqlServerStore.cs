using Microsoft.Data.SqlClient;
using Sessions.Testing.Stores;
using Sessions.Testing.Hosting;

namespace Sessions.Testing.Stores;

/// <summary>
/// The SQL Server column: SESSIONS_SQLSERVER when set, else a SQL Server container when a Docker engine answers,
/// else unavailable. Each run makes its own database and drops it at the end. The engine's @@VERSION is kept so
/// nobody mistakes a Babelfish run (a T-SQL/TDS engine on PostgreSQL) for SQL Server itself.
/// </summary>
public sealed class SqlServerStore : StoreProvisioner
{
    private readonly string? _configured;
    private readonly string? _dockerProbe;
    private readonly SqlServerContainer? _container;
    private readonly string _database = $"sessions_test_{Guid.NewGuid():N}"[..28];
    private readonly int _connections;
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
    public SqlServerStore(string? configured, int connections = 8)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(connections, 1);
        _connections = connections;
        _configured = string.IsNullOrWhiteSpace(configured) ? null : configured;
        _container = _configured is null && SqlServerContainer.DockerAnswers(out _dockerProbe) ? new SqlServerContainer() : null;
    }

    public override string Name => "sqlserver";

    public override string? UnavailableReason => _configured is null && _container is null
        ? $"SESSIONS_SQLSERVER is not set and no Docker engine answers for Testcontainers ({_dockerProbe}); set SESSIONS_SQLSERVER, start Docker, or run `eval \"$(bash ci/services.sh)\"` (Babelfish)"
        : null;

    public override string? Engine => EngineVersion is null ? null : $"engine {EngineVersion} ({Source}), database {_database}";

    /// <summary>First line of SELECT @@VERSION, once prepared.</summary>
    public string? EngineVersion { get; private set; }

    public bool IsBabelfish => EngineVersion?.Contains("Babelfish", StringComparison.OrdinalIgnoreCase) == true;

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
        _ownConnectionString = own.ConnectionString;
        await WarmPoolAsync(own.ConnectionString, _connections, cancellationToken);
        return RelationalSettings("sqlserver", own.ConnectionString);
    }

    /// <summary>
    /// Every scenario of a column starts at once. A pool opened here first is what a server that has been up a while
    /// has; the query on each connection matters as much as the login, because a Babelfish backend pays a few hundred
    /// milliseconds of CPU for its first parameterised statement (SQL Server does not).
    /// </summary>
    private static async Task WarmPoolAsync(string connectionString, int count, CancellationToken cancellationToken)
    {
        var connections = Enumerable.Range(0, count).Select(_ => new SqlConnection(connectionString)).ToList();
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

    public override async ValueTask DisposeAsync()
    {
        if (_created)
        {
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
        }

        if (_container is not null)
        {
            await _container.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
