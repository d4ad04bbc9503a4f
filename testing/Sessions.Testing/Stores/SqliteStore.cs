using Microsoft.Data.Sqlite;

namespace Sessions.Testing.Stores;

/// <summary>SQLite in a temporary file of this run, deleted at the end.</summary>
public sealed class SqliteStore : StoreProvisioner
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"sessions_test_{Guid.NewGuid():N}.db");

    public override string Name => "sqlite";

    public override string? Engine => $"file {_file}";

    public override Task<IReadOnlyDictionary<string, string?>> PrepareAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, string?>>(RelationalSettings("sqlite", $"Data Source={_file}"));

    public override ValueTask DisposeAsync()
    {
        // Pooled connections keep the file open; release them before deleting.
        SqliteConnection.ClearAllPools();
        foreach (var path in new[] { _file, _file + "-wal", _file + "-shm" })
        {
            File.Delete(path);
        }

        return base.DisposeAsync();
    }
}
