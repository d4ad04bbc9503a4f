using Microsoft.Extensions.Logging;
using Sessions.Caching.Diagnostics;

namespace Sessions.Caching.Sweeping;

/// <summary>
/// Deletes expired rows, triggered the way the official SQL Server cache does it: a cache operation
/// that finds the interval elapsed starts a sweep on the thread pool and does not wait for it.
/// One gate serialises background and on-demand sweeps so at most one DELETE scan runs at a time.
/// </summary>
internal sealed class ExpiredItemsSweeper(
    Func<CancellationToken, Task<int>> deleteExpired,
    TimeProvider time,
    TimeSpan interval,
    ILogger logger,
    string table,
    string store)
{
    // Never disposed: a sweep still running when the cache is disposed must be able to release it,
    // and a SemaphoreSlim whose wait handle is never touched holds no unmanaged resource.
    private readonly SemaphoreSlim _gate = new(1, 1);

    // The first sweep waits one interval after start, so a fresh process does not scan at once.
    private long _lastSweepTicks = time.GetUtcNow().UtcTicks;

    /// <summary>The most recent background sweep, so tests can wait for it.</summary>
    internal Task BackgroundSweep { get; private set; } = Task.CompletedTask;

    public void SweepIfDue()
    {
        var now = time.GetUtcNow().UtcTicks;
        if (now - Interlocked.Read(ref _lastSweepTicks) < interval.Ticks || !_gate.Wait(0))
        {
            return;
        }

        Interlocked.Exchange(ref _lastSweepTicks, now);
        BackgroundSweep = Task.Run(async () =>
        {
            try
            {
                var deleted = await deleteExpired(CancellationToken.None).ConfigureAwait(false);
                Log.SweepCompleted(logger, deleted, table, store);
            }
            catch (Exception error)
            {
                // Nobody awaits this task: the log is the only place the failure can surface.
                Log.SweepFailed(logger, table, store, error);
            }
            finally
            {
                _gate.Release();
            }
        });
    }

    public async Task<int> SweepNowAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Interlocked.Exchange(ref _lastSweepTicks, time.GetUtcNow().UtcTicks);
            var deleted = await deleteExpired(cancellationToken).ConfigureAwait(false);
            Log.SweepCompleted(logger, deleted, table, store);
            return deleted;
        }
        finally
        {
            _gate.Release();
        }
    }
}
