using SessionsBench.Measurement;

namespace SessionsBench.Reporting;

/// <summary>What one store in one profile measured in the main phase (trips from the probe).</summary>
public sealed record StoreResult(
    string Store,
    string Profile,
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
    /// <summary>Throughput relative to the memory store in the same profile; null when memory did not run.</summary>
    public double? RatioToMemory { get; init; }

    public bool Failed => LostIncrements != 0 || Errors != 0;
}
