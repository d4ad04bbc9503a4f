using System.Diagnostics;

namespace SessionsBench.Load;

/// <summary>All sessions at once, each sequential, until the time is up or a session reaches its request cap.</summary>
public static class LoadPhase
{
    /// <summary>A cap far above what loopback HTTPS reaches in the time given, so time decides, but a loop can never run away.</summary>
    public static int RequestCap(TimeSpan duration) => (int)Math.Clamp(duration.TotalSeconds * 50_000, 1_000, 50_000_000);

    /// <returns>Requests sent and the wall time from start until the last session stopped.</returns>
    public static async Task<(long Requests, TimeSpan Elapsed)> RunAsync(IReadOnlyList<BenchSession> sessions, TimeSpan duration, bool record)
    {
        var cap = RequestCap(duration);
        var started = Stopwatch.GetTimestamp();
        var counts = await Task.WhenAll(sessions.Select(session => Task.Run(async () =>
        {
            var sent = 0;
            while (sent < cap && Stopwatch.GetElapsedTime(started) < duration)
            {
                await session.SendAsync(session.NextKind(), record);
                sent++;
            }

            return (long)sent;
        })));
        return (counts.Sum(), Stopwatch.GetElapsedTime(started));
    }
}
