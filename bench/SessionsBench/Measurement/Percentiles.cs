using System.Diagnostics;
using HdrHistogram;

namespace SessionsBench.Measurement;

/// <summary>Latency percentiles read off HdrHistogram histograms (three significant digits) of client-side request times.</summary>
public sealed record Percentiles(double P50Ms, double P95Ms, double P99Ms)
{
    /// <summary>Longest request a histogram holds; a slower one is clamped to it rather than lost.</summary>
    public static readonly long HighestTicks = Stopwatch.Frequency * 120;

    public static readonly Percentiles None = new(0, 0, 0);

    /// <summary>One histogram per recording thread: a session or a floor loop records without locks.</summary>
    public static LongHistogram NewHistogram() => new(HighestTicks, 3);

    public static void Record(LongHistogram histogram, long ticks) => histogram.RecordValue(Math.Clamp(ticks, 1, HighestTicks));

    public static Percentiles Of(IEnumerable<HistogramBase> histograms)
    {
        var all = NewHistogram();
        foreach (var histogram in histograms)
        {
            all.Add(histogram);
        }

        return all.TotalCount == 0
            ? None
            : new Percentiles(Milliseconds(all, 50), Milliseconds(all, 95), Milliseconds(all, 99));
    }

    private static double Milliseconds(HistogramBase histogram, double percentile) =>
        histogram.GetValueAtPercentile(percentile) * 1000.0 / Stopwatch.Frequency;
}
