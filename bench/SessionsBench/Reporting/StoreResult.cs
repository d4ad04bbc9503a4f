using SessionsBench.Measurement;

namespace SessionsBench.Reporting;

/// <summary>What one store in one profile measured in the peers section (trips from the probe).</summary>
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

    /// <summary>Throughput relative to the tutorial profile on the same store; null for tutorial rows.</summary>
    public double? RatioToTutorial { get; init; }

    /// <summary>Throughput as a fraction of the store's own floor (a bare client, no HTTP); null without a floor.</summary>
    public double? FractionOfFloor { get; init; }

    public bool Failed => LostIncrements != 0 || Errors != 0;
}
