namespace SessionsServer.Configuration;

/// <summary>The server's settings, bound from the <c>Sessions</c> section (and <c>ConnectionStrings:Sessions</c>, <c>port</c>).</summary>
public sealed class SessionsServerOptions
{
    public const string SectionName = "Sessions";

    /// <summary>The store names the server accepts, in the order the README lists them.</summary>
    public static readonly IReadOnlyList<string> KnownStores = ["sqlite", "sqlserver", "postgres", "redis", "memory"];

    /// <summary>Stores that live in another process and so need <c>ConnectionStrings:Sessions</c>.</summary>
    public static readonly IReadOnlyList<string> ServerStores = ["sqlserver", "postgres", "redis"];

    public string Store { get; set; } = "sqlite";

    /// <summary>From <c>ConnectionStrings:Sessions</c>; for sqlite, empty means a file under the local app-data folder.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Empty means the engine's usual schema: dbo on SQL Server, public on PostgreSQL.</summary>
    public string? SchemaName { get; set; }

    public string TableName { get; set; } = "Sessions";

    public int IdleTimeoutSeconds { get; set; } = 20;

    public int IOTimeoutSeconds { get; set; } = 10;

    /// <summary>Unset means: true for the embedded sqlite file (it is ours to shape), false for every server store.</summary>
    public bool? CreateTable { get; set; }

    public int Port { get; set; } = 8080;

    /// <summary>Largest value (UTF-8 bytes) that <c>/session/set</c> and <c>/session/login</c> accept; larger is 413.</summary>
    public int MaxValueBytes { get; set; } = 16 * 1024;

    /// <summary>Largest key (UTF-8 bytes) that <c>/session/set</c> accepts; larger is 413.</summary>
    public int MaxKeyBytes { get; set; } = 1024;

    /// <summary>Largest whole session (as stored) that a write may produce; larger is 413 and the session is unchanged.</summary>
    public int MaxSessionBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// Isolates data-protection keys: servers share cookies only when they share the store, the key ring and this name.
    /// </summary>
    public string ApplicationName { get; set; } = "Sessions Demo Server";

    /// <summary>Folder for the key ring of the memory and sqlite stores; default beside the sqlite file or under local app-data.</summary>
    public string? KeyRingPath { get; set; }

    /// <summary>Table for the key ring of the sqlserver and postgres stores, in the session table's schema.</summary>
    public string KeyTableName { get; set; } = "SessionKeys";

    /// <summary>
    /// <c>tutorial</c> (default): exactly the stack the tutorial configures, the official caches and ASP.NET Core's own
    /// session. <c>hardened</c>: the project's stack, with bounded store calls, 503s, key-ring checks and size limits.
    /// </summary>
    public string Profile { get; set; } = ServerProfiles.Tutorial;

    /// <summary>
    /// Hardened only: requests carrying the same session run one after another, across every instance on the store,
    /// under the store's own lock (SQL Server application locks, PostgreSQL advisory locks, a Redis lock with expiry,
    /// lock files beside a SQLite database, in-process for memory). Waiting counts against the I/O timeout.
    /// </summary>
    public bool SerializeRequests { get; set; }

    public string NormalizedStore => Store.Trim().ToLowerInvariant();

    public string NormalizedProfile => Profile.Trim().ToLowerInvariant();

    public bool IsHardened => NormalizedProfile == ServerProfiles.Hardened;

    public bool IsServerStore => ServerStores.Contains(NormalizedStore);

    public bool ShouldCreateTable => CreateTable ?? NormalizedStore == "sqlite";

    public TimeSpan IdleTimeout => TimeSpan.FromSeconds(IdleTimeoutSeconds);

    public TimeSpan IOTimeout => TimeSpan.FromSeconds(IOTimeoutSeconds);

    /// <summary>Where the embedded store lives when no connection string is given; survives restarts.</summary>
    public static string DefaultSqliteFile => Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create),
        "Sessions.Conformance", "sessions.db");
}
