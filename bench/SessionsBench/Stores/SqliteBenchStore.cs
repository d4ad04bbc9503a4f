using Microsoft.Data.Sqlite;

namespace SessionsBench.Stores;

/// <summary>A temporary SQLite file, so the bench never touches the server's real embedded store.</summary>
public sealed class SqliteBenchStore : BenchStore
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"sessions_bench_{Guid.NewGuid():N}.db");

    public SqliteBenchStore()
        : base("sqlite")
    {
    }

    protected override string? ConnectionString => $"Data Source={_path}";

    public override async ValueTask DisposeAsync()
    {
        // Pooled connections keep the file open; on some platforms that blocks the delete.
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm", _path + "-journal" })
        {
            try
            {
                File.Delete(file);
            }
            catch (IOException ex)
            {
                await Console.Error.WriteLineAsync($"bench: could not delete {file}: {ex.Message}");
            }
        }

        await base.DisposeAsync();
    }
}
