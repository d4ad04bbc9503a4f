using SessionsBench.Measurement;

namespace SessionsBench.Load;

/// <summary>What one measured phase of the mix gave: throughput, latency and allocations.</summary>
public sealed record LoadMeasurement(long Requests, TimeSpan Elapsed, Percentiles Latency, double AllocBytesPerRequest)
{
    public double Rps => Elapsed > TimeSpan.Zero ? Requests / Elapsed.TotalSeconds : 0;
}
