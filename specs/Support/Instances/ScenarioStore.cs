using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Sessions.Testing.Stores;
using StackExchange.Redis;
using Sessions.Specs.Support.Targets;

namespace Sessions.Specs.Support.Instances;

/// <summary>
/// A store of the target's kind made for one scenario (its own database, file or key ring), so the scenario may
/// start, stop, restart and cut server instances without touching the target's shared server. The relational and
/// Redis kinds reuse the suite's own provisioners, so each database is made and dropped the way the target's is.
/// </summary>
public sealed class ScenarioStore(ServerUnderTest target) : IAsyncDisposable
{
    private readonly List<StoreProvisioner> _provisioned = [];
    private readonly List<string> _folders = [];
    private readonly List<(string Connection, string Key)> _redisKeyRings = [];
    private IReadOnlyDictionary<string, string?>? _shared;

    /// <summary>The target's store name (memory, sqlite, postgres, redis, sqlserver).</summary>
    public string Name => target.ExpectedStoreName ?? target.Name;

    /// <summary>Null when this scenario can make stores of the target's kind; else why not.</summary>
    public string? CannotProvisionReason => target is InProcessServer
        ? null
        : $"target '{target.Name}' is not hosted by the suite, so it cannot start more instances on its store";

    /// <summary>Settings for the scenario's store, made on first use; every instance of the scenario shares them.</summary>
    public async Task<IReadOnlyDictionary<string, string?>> SharedAsync(CancellationToken cancellationToken) =>
        _shared ??= await ProvisionAsync(createTable: true, cancellationToken);

    /// <summary>
    /// Settings for a store on which no server has run yet, whose servers may create the tables: the scenario's own
    /// store before its first instance (sqlite, postgres, sqlserver), or on the shared Redis a key ring under an
    /// application name of its own, removed when the scenario ends.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string?>> FirstUseAsync(CancellationToken cancellationToken)
    {
        if (_shared is not null)
        {
            throw new InvalidOperationException("The scenario's store is in use already; a first start needs it untouched.");
        }

        var settings = await SharedAsync(cancellationToken);
        if (Name != "redis")
        {
            return settings;
        }

        var application = $"first-use-{Guid.NewGuid():N}";
        _redisKeyRings.Add((settings["ConnectionStrings:Sessions"]!, $"DataProtection-Keys:{application}"));
        return _shared = new Dictionary<string, string?>(settings) { ["Sessions:ApplicationName"] = application };
    }

    /// <summary>Settings for another, empty store of the same kind whose server must not create the table.</summary>
    public Task<IReadOnlyDictionary<string, string?>> EmptyWithoutTableAsync(CancellationToken cancellationToken) =>
        ProvisionAsync(createTable: false, cancellationToken);

    /// <summary>Settings for the scenario's store with a key ring that exists but cannot be read (see <see cref="UnreadableKeyRing"/>).</summary>
    public async Task<IReadOnlyDictionary<string, string?>> WithUnreadableKeyRingAsync(CancellationToken cancellationToken) =>
        WithProfile(await UnreadableKeyRing.ApplyAsync(
            Name, Name == "memory" ? IsolatedMemory() : await SharedAsync(cancellationToken), NewFolder(), cancellationToken));

    /// <summary>The scenario's store with a password its login does not have; null where the store has no password to get wrong.</summary>
    public async Task<IReadOnlyDictionary<string, string?>?> WithWrongPasswordAsync(CancellationToken cancellationToken)
    {
        var shared = await SharedAsync(cancellationToken);
        if (Name is not ("sqlserver" or "postgres"))
        {
            return null;
        }

        // Both drivers call it Password; the key is all that changes.
        var connection = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = shared["ConnectionStrings:Sessions"] };
        connection["Password"] = "not-the-password";
        return new Dictionary<string, string?>(shared) { ["ConnectionStrings:Sessions"] = connection.ConnectionString };
    }

    /// <summary>The scenario's store under a login that may connect but holds no right on its tables; null where the store has no logins.</summary>
    public async Task<IReadOnlyDictionary<string, string?>?> WithLoginWithoutRightsAsync(CancellationToken cancellationToken)
    {
        var shared = await SharedAsync(cancellationToken);
        return _provisioned.Count > 0 && await _provisioned[0].LoginWithoutRightsAsync(cancellationToken) is { } connection
            ? new Dictionary<string, string?>(shared) { ["ConnectionStrings:Sessions"] = connection }
            : null;
    }

    /// <summary>A memory store with a key ring of its own: a server that shares nothing with any other.</summary>
    public IReadOnlyDictionary<string, string?> IsolatedMemory() => WithProfile(new Dictionary<string, string?>
    {
        ["Sessions:Store"] = "memory",
        ["Sessions:KeyRingPath"] = Path.Combine(NewFolder(), "keys"),
    });

    private async Task<IReadOnlyDictionary<string, string?>> ProvisionAsync(bool createTable, CancellationToken cancellationToken)
    {
        if (CannotProvisionReason is { } reason)
        {
            throw new InvalidOperationException(reason);
        }

        var store = ((InProcessServer)target).Store;
        Dictionary<string, string?> settings;
        switch (store)
        {
            case MemoryStore:
                settings = new(IsolatedMemory());
                break;
            case SqliteStore:
                // A folder per store rather than the suite's temp file: the key ring's default home is beside the
                // database file, and scenarios must prove that default without sharing one folder across runs.
                settings = new()
                {
                    ["Sessions:Store"] = "sqlite",
                    ["ConnectionStrings:Sessions"] = $"Data Source={Path.Combine(NewFolder(), "sessions.db")}",
                };
                break;
            default:
                if (store is SqlServerStore && SqlServerSpares.TryTake(out var spare))
                {
                    _provisioned.Add(spare);
                    settings = new(spare.PreparedSettings!);
                    break;
                }

                var sibling = SiblingOf(store);
                _provisioned.Add(sibling);
                settings = new(await PrepareAsync(sibling, cancellationToken));
                break;
        }

        settings["Sessions:CreateTable"] = createTable ? "true" : "false";
        return WithProfile(settings);
    }

    // PostgreSQL and Redis stores are made concurrently. SQL Server's, one at a time: most of one is warming its
    // connections, and on Babelfish each new connection costs about half a second of CPU, so a run's scenarios
    // starting together made dozens at once and starved the targets' own requests (answers after 9 s, sessions idle
    // past their expiry) on two cores. The DDL races are retried where the DDL runs (SqlServerDdl).
    private static readonly SemaphoreSlim SqlServerProvisioning = new(1, 1);

    // A SQL Server store a scenario has finished with, emptied, for the next scenario to take instead of making one:
    // its login and warm connections are the expensive part. Dropped when the run ends (DropSparesAsync).
    private static readonly ConcurrentBag<SqlServerStore> SqlServerSpares = [];

    private static async Task<IReadOnlyDictionary<string, string?>> PrepareAsync(StoreProvisioner store, CancellationToken cancellationToken)
    {
        if (store is not SqlServerStore)
        {
            return await store.PrepareAsync(cancellationToken);
        }

        await SqlServerProvisioning.WaitAsync(cancellationToken);
        try
        {
            return await store.PrepareAsync(cancellationToken);
        }
        finally
        {
            SqlServerProvisioning.Release();
        }
    }

    /// <summary>Drops the SQL Server stores kept for reuse; the run calls it once, after its last scenario.</summary>
    public static async Task DropSparesAsync()
    {
        while (SqlServerSpares.TryTake(out var spare))
        {
            await DropAsync(spare);
        }
    }

    // The scenario's instances are stopped by now. A store that cannot be emptied (a table some lingering session
    // still locks) is dropped as before rather than handed on in an unknown state.
    private static async Task ReleaseAsync(StoreProvisioner store)
    {
        if (store is SqlServerStore { PreparedSettings: not null } sqlServer)
        {
            try
            {
                await sqlServer.EmptyAsync(CancellationToken.None);
                SqlServerSpares.Add(sqlServer);
                return;
            }
            catch (Microsoft.Data.SqlClient.SqlException ex)
            {
                // Not handed on; dropped below like any other.
                Console.WriteLine($"A scenario's SQL Server store could not be emptied for reuse, so it is dropped: {ex.Message}");
            }
        }

        await DropAsync(store);
    }

    // Every instance a scenario starts runs the target's profile.
    private IReadOnlyDictionary<string, string?> WithProfile(IReadOnlyDictionary<string, string?> settings) =>
        target is InProcessServer server ? server.WithProfile(settings) : settings;

    // A server that was just stopped may still hold a session for a moment (a command abandoned at the I/O timeout
    // finishes late); SQL Server and Babelfish refuse to drop a database in use, so the drop is tried again.
    private static async Task DropAsync(StoreProvisioner store)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await store.DisposeAsync();
                return;
            }
            catch (Microsoft.Data.SqlClient.SqlException) when (attempt < 10)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500));
            }
        }
    }

    private static StoreProvisioner SiblingOf(StoreProvisioner store) => store switch
    {
        PostgresStore => new PostgresStore(Environment.GetEnvironmentVariable("SESSIONS_POSTGRES"), leastPrivilege: true),
        RedisStore => new RedisStore(Environment.GetEnvironmentVariable("SESSIONS_REDIS")),
        // A scenario's few instances share one small pool: each warm connection is a login the column pays for.
        SqlServerStore => new SqlServerStore(Environment.GetEnvironmentVariable("SESSIONS_SQLSERVER"), connections: 4, leastPrivilege: true),
        _ => throw new InvalidOperationException($"No sibling for store {store.Name}."),
    };

    private string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"sessions_beyond_{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        _folders.Add(folder);
        return folder;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (connection, key) in _redisKeyRings)
        {
            await using var redis = await ConnectionMultiplexer.ConnectAsync(connection);
            await redis.GetDatabase().KeyDeleteAsync(key);
        }

        _redisKeyRings.Clear();
        foreach (var store in _provisioned)
        {
            await ReleaseAsync(store);
        }

        // Pooled connections keep the sqlite file open; release them before deleting the folder.
        SqliteConnection.ClearAllPools();
        foreach (var folder in _folders)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open by a stopping server: the temp folder is left for the OS to reclaim.
            }
        }
    }
}
