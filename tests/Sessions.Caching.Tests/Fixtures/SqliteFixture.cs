using System.Data.Common;
using Microsoft.Data.Sqlite;
using Sessions.Caching.Configuration;
using Sessions.Caching.Dialects;
using Sessions.Caching.Dialects.Sqlite;

namespace Sessions.Caching.Tests.Fixtures;

/// <summary>A temporary database file, in a directory that does not exist yet (the dialect must create it).</summary>
public sealed class SqliteFixture : StoreFixture
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "sessions_test_" + Guid.NewGuid().ToString("N")[..12]);

    public override string StoreName => "sqlite";

    public override SqlDialect CreateDialect(RelationalCacheOptions options) => new SqliteDialect(options);

    public override DbConnection CreateRawConnection() => new SqliteConnection(ConnectionString);

    public override ValueTask InitializeAsync()
    {
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_directory, "nested", "sessions.db") }.ToString();
        using (var probe = new SqliteConnection("Data Source=:memory:"))
        {
            probe.Open();
            Engine = "SQLite " + probe.ServerVersion;
        }

        Announce();
        return ValueTask.CompletedTask;
    }

    public override async ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        await base.DisposeAsync();
    }
}
