using Microsoft.Data.SqlClient;

namespace Sessions.Testing.Stores;

/// <summary>
/// CREATE and DROP DATABASE for the test and benchmark projects, retried when another process makes or drops a
/// database at the same moment: test projects run in parallel, each making its own database on one server.
/// Babelfish refuses the second with "tuple concurrently updated"; SQL Server can fail with 1807 (model locked).
/// A DROP also meets a database still "in use" (3702) for a moment after the pools are cleared: a command started in
/// the background (the official SQL Server cache's sweep) or a session the engine is still closing holds it.
/// Every project that makes test or benchmark databases uses this one copy.
/// </summary>
public static class SqlServerDdl
{
    private const int Attempts = 10;

    public static async Task ExecuteAsync(SqlConnection openConnection, string sql, CancellationToken cancellationToken = default) =>
        await RetryAsync(async () =>
        {
            await using var command = new SqlCommand(sql, openConnection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    private static async Task RetryAsync(Func<Task> action, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await action();
                return;
            }
            catch (SqlException ex) when (attempt < Attempts && IsMomentary(ex))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(100, 400) * attempt), cancellationToken);
            }
        }
    }

    private static bool IsMomentary(SqlException error) =>
        error.Number is 1807 or 3702 or 15434
        || error.Message.Contains("concurrently updated", StringComparison.OrdinalIgnoreCase)
        || error.Message.Contains("currently in use", StringComparison.OrdinalIgnoreCase);
}
