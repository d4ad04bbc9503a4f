using SessionsBench.Measurement;

namespace SessionsBench.Reporting;

/// <summary>The tables of a run, one per section that produced something, in the order the sections ran.</summary>
public static class ReportTables
{
    public static IReadOnlyList<ReportTable> All(BenchResults results) =>
    [
        .. new[] { Peers(results), Floors(results), Growth(results), Sweeps(results), Concurrency(results) }.Where(table => table.Rows.Count > 0),
    ];

    public static ReportTable Peers(BenchResults results) => new(
        "Peers side by side",
        ["store", "profile", "req/s", "p50 ms", "p95 ms", "p99 ms", "trips read", "trips write", "alloc B/req", "× memory", "× tutorial", "of floor", "lost", "errors"],
        [
            .. results.Peers.Select(result => (IReadOnlyList<string>)
            [
                result.Store, result.Profile, ReportTable.Format(result.Rps, "0"), .. Latency(result.Latency),
                ReportTable.Format(result.TripsRead.PerRequest, "0.##"), ReportTable.Format(result.TripsWrite.PerRequest, "0.##"),
                ReportTable.Format(result.AllocBytesPerRequest, "0"), ReportTable.Format(result.RatioToMemory, "0.00"),
                ReportTable.Format(result.RatioToTutorial, "0.00"), ReportTable.Format(result.FractionOfFloor, "0.00"),
                ReportTable.Format(result.LostIncrements), ReportTable.Format(result.Errors),
            ]),
        ]);

    public static ReportTable Floors(BenchResults results) => new(
        "Store floor (bare client, the request's statements, no HTTP)",
        ["store", "sessions", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors"],
        [
            .. results.Floors.Select(result => (IReadOnlyList<string>)
            [
                result.Store, ReportTable.Format(result.Sessions), ReportTable.Format(result.Rps, "0"), .. Latency(result.Latency), ReportTable.Format(result.Errors),
            ]),
        ],
        TextColumns: 1);

    public static ReportTable Growth(BenchResults results) => new(
        "Growth (stored sessions in the table)",
        ["store", "profile", "rows", "req/s", "p50 ms", "p95 ms", "p99 ms", "× smallest", "lost", "errors"],
        [
            .. results.Growth.Select(result => (IReadOnlyList<string>)
            [
                result.Store, result.Profile, result.Rows.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
                ReportTable.Format(result.Rps, "0"), .. Latency(result.Latency),
                ReportTable.Format(BenchRatios.GrowthRatio(results, result), "0.00"),
                ReportTable.Format(result.Lost), ReportTable.Format(result.Errors),
            ]),
        ]);

    public static ReportTable Sweeps(BenchResults results) => new(
        "Sweep of expired rows under load",
        ["store", "profile", "sweep", "rows deleted", "sweep s", "req/s without", "req/s during", "p99 ms without", "p99 ms during", "p99 ×", "errors"],
        [
            .. results.Sweeps.Select(result => (IReadOnlyList<string>)
            [
                result.Store, result.Profile, result.Sweep, ReportTable.Format(result.RowsDeleted),
                ReportTable.Format(result.SweepTime.TotalSeconds, "0.00"), ReportTable.Format(result.RpsWithout, "0"), ReportTable.Format(result.RpsDuring, "0"),
                ReportTable.Format(result.Without.P99Ms, "0.00"), ReportTable.Format(result.During.P99Ms, "0.00"),
                ReportTable.Format(result.P99Ratio, "0.00"), ReportTable.Format(result.Errors),
            ]),
        ],
        TextColumns: 3);

    public static ReportTable Concurrency(BenchResults results) => new(
        "Concurrency",
        ["store", "profile", "sessions", "req/s", "p50 ms", "p95 ms", "p99 ms", "lost", "errors"],
        [
            .. results.Concurrency.Select(result => (IReadOnlyList<string>)
            [
                result.Store, result.Profile, ReportTable.Format(result.Sessions), ReportTable.Format(result.Rps, "0"), .. Latency(result.Latency),
                ReportTable.Format(result.Lost), ReportTable.Format(result.Errors),
            ]),
        ]);

    private static string[] Latency(Percentiles latency) =>
        [ReportTable.Format(latency.P50Ms, "0.00"), ReportTable.Format(latency.P95Ms, "0.00"), ReportTable.Format(latency.P99Ms, "0.00")];
}
