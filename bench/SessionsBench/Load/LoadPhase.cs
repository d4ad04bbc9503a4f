using System.Diagnostics;
using SessionsBench.Measurement;

namespace SessionsBench.Load;

/// <summary>All sessions at once, each sequential, until the time is up (or a task ends) or a session reaches its request cap.</summary>
public static class LoadPhase
{
    /// <summary>A cap far above what loopback HTTPS reaches in the time given, so time decides, but a loop can never run away.</summary>
    public static int RequestCap(TimeSpan duration) => (int)Math.Clamp(duration.TotalSeconds * 50_000, 1_000, 50_000_000);

    /// <summary>Runs unrecorded, so connections, pools and statement caches are warm before anything is measured.</summary>
    public static Task WarmUpAsync(IReadOnlyList<BenchSession> sessions, TimeSpan duration) =>
        duration > TimeSpan.Zero ? RunAsync(sessions, duration, until: null, record: false) : Task.CompletedTask;

    /// <summary>
    /// A measured phase: every session's histogram starts empty, and allocations are counted over the phase.
    /// With <paramref name="until"/>, the phase lasts at least <paramref name="duration"/> and until that task has ended.
    /// </summary>
    public static async Task<LoadMeasurement> MeasureAsync(IReadOnlyList<BenchSession> sessions, TimeSpan duration, Task? until = null)
    {
        foreach (var session in sessions)
        {
            session.Latency.Reset();
        }

        // Client and server share this process, so this counts both sides; it still compares stores fairly.
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var (requests, elapsed) = await RunAsync(sessions, duration, until, record: true);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        return new LoadMeasurement(
            requests,
            elapsed,
            Percentiles.Of(sessions.Select(session => session.Latency)),
            // A negative delta (a runtime counting bug) is reported as n/a rather than as a number.
            requests == 0 || allocated < 0 ? double.NaN : (double)allocated / requests);
    }

    private static async Task<(long Requests, TimeSpan Elapsed)> RunAsync(IReadOnlyList<BenchSession> sessions, TimeSpan duration, Task? until, bool record)
    {
        var cap = RequestCap(duration + TimeSpan.FromMinutes(10));
        var started = Stopwatch.GetTimestamp();
        bool Running() => Stopwatch.GetElapsedTime(started) < duration || until is { IsCompleted: false };
        var counts = await Task.WhenAll(sessions.Select(session => Task.Run(async () =>
        {
            var sent = 0;
            while (sent < cap && Running())
            {
                await session.SendAsync(session.NextKind(), record);
                sent++;
            }

            return (long)sent;
        })));
        return (counts.Sum(), Stopwatch.GetElapsedTime(started));
    }
}
