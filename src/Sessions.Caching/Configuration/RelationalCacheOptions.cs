namespace Sessions.Caching.Configuration;

/// <summary>Settings of a relational session store (SQL Server, PostgreSQL or SQLite).</summary>
public sealed class RelationalCacheOptions
{
    /// <summary>Connection string of the store.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Schema that holds the table. Left null, each dialect uses its engine's usual default
    /// ("dbo" on SQL Server, "public" on PostgreSQL); SQLite has no schemas and ignores it.
    /// The value is used as given: "dbo" on PostgreSQL means a schema called dbo.
    /// </summary>
    public string? SchemaName { get; set; }

    /// <summary>Table name; "Sessions" like the tutorial's <c>dotnet sql-cache create</c>.</summary>
    public string TableName { get; set; } = "Sessions";

    /// <summary>Sliding window applied when an entry names neither sliding nor absolute expiration.</summary>
    public TimeSpan DefaultSlidingExpiration { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>How often expired rows are swept in the background; at least five minutes.</summary>
    public TimeSpan ExpiredItemsDeletionInterval { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Create the schema, table and index on first use when they are missing.</summary>
    public bool CreateTable { get; set; }

    /// <summary>Smallest accepted <see cref="ExpiredItemsDeletionInterval"/>, as in the official SQL Server cache.</summary>
    public static readonly TimeSpan MinimumExpiredItemsDeletionInterval = TimeSpan.FromMinutes(5);
}
