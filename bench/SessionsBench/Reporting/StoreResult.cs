using SessionsBench.Measurement;

namespace SessionsBench.Reporting;

/// <summary>What one store with one session implementation measured in the main phase (trips from the probe).</summary>
public sealed record StoreResult(
    string Store,
    string Session,
    long Requests,
    double Rps,
    Percentiles Latency,
    RoundTrips TripsRead,
    RoundTrips TripsWrite,
    double AllocBytesPerRequest,
    long LostIncrements,
    long Errors,
    IReadOnlyList<string> ErrorSamples)
{
    /// <summary>Throughput relative to the memory store with the same session implementation; null when memory did not run.</summary>
    public double? RatioToMemory { get; init; }

    public bool Failed => LostIncrements != 0 || Errors != 0;
}
