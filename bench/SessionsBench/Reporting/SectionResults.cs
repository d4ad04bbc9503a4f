using SessionsBench.Measurement;

namespace SessionsBench.Reporting;

/// <summary>A bare client on one store: the request's statements at the same concurrency, no HTTP, no session.</summary>
public sealed record FloorResult(string Store, int Sessions, long Operations, double Rps, Percentiles Latency, long Errors);

/// <summary>The mix on one store and profile with <paramref name="Rows"/> stored sessions seeded in the table.</summary>
public sealed record GrowthResult(string Store, string Profile, int Rows, double Rps, Percentiles Latency, long Lost, long Errors);

/// <summary>p99 of the mix without a sweep, and while a sweep deletes <paramref name="RowsDeleted"/> expired rows.</summary>
/// <param name="Sweep">Whose sweep ran: the official one-statement DELETE or the project's.</param>
public sealed record SweepResult(
    string Store, string Profile, string Sweep, int RowsDeleted, TimeSpan SweepTime, Percentiles Without, Percentiles During, double RpsWithout, double RpsDuring, long Errors)
{
    public double P99Ratio => Without.P99Ms > 0 ? During.P99Ms / Without.P99Ms : double.NaN;
}

/// <summary>One point of the concurrency curve.</summary>
public sealed record ConcurrencyResult(string Store, string Profile, int Sessions, double Rps, Percentiles Latency, long Lost, long Errors);
