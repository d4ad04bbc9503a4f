using System.Diagnostics;

namespace SessionsBench.Measurement;

/// <summary>Latency percentiles by nearest rank over every recorded request (no sampling, no histogram buckets).</summary>
public sealed record Percentiles(double P50Ms, double P95Ms, double P99Ms)
{
    public static Percentiles Of(IEnumerable<IReadOnlyList<long>> perSessionTicks)
    {
        var all = perSessionTicks.SelectMany(ticks => ticks).ToArray();
        if (all.Length == 0)
        {
            return new Percentiles(0, 0, 0);
        }

        Array.Sort(all);
        return new Percentiles(At(all, 0.50), At(all, 0.95), At(all, 0.99));
    }

    private static double At(long[] sorted, double quantile)
    {
        var rank = (int)Math.Ceiling(quantile * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)] * 1000.0 / Stopwatch.Frequency;
    }
}
