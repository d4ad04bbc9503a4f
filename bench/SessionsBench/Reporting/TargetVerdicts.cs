using SessionsServer.Configuration;

namespace SessionsBench.Reporting;

/// <summary>The targets against what this run measured; a target whose rows did not run says so.</summary>
public static class TargetVerdicts
{
    public static ReportTable Render(BenchResults results)
    {
        var rows = new List<IReadOnlyList<string>>();
        var sqlite = Hardened(results.Peers.Where(row => row.Store == "sqlite"));
        var sqliteLost = results.Peers.Where(row => row.Store == "sqlite").Sum(row => row.LostIncrements);
        rows.Add(Row("sqlite ≥ 0.5× memory, no lost increment", sqlite?.RatioToMemory, ratio => ratio >= 0.5 && sqliteLost == 0, $"lost {sqliteLost}"));

        foreach (var store in new[] { "postgres", "sqlserver" })
        {
            var hardened = Hardened(results.Peers.Where(row => row.Store == store));
            rows.Add(Row($"{store}: hardened ≥ 2× tutorial", hardened?.RatioToTutorial, ratio => ratio >= 2));
            rows.Add(Row($"{store}: hardened ≥ 0.6× the store's floor", hardened?.FractionOfFloor, ratio => ratio >= 0.6));
        }

        foreach (var group in results.Growth.GroupBy(row => (row.Store, row.Profile)))
        {
            var largest = group.MaxBy(row => row.Rows)!;
            var smallest = group.MinBy(row => row.Rows)!;
            rows.Add(Row(
                $"{group.Key.Store}/{group.Key.Profile}: req/s moves < 20 % from {smallest.Rows:N0} to {largest.Rows:N0} rows",
                BenchRatios.GrowthRatio(results, largest), ratio => Math.Abs(ratio - 1) < 0.2));
        }

        foreach (var sweep in results.Sweeps)
        {
            var judged = BenchRatios.IsJudgedHardened(sweep.Profile);
            rows.Add(Row(
                $"{sweep.Store}/{sweep.Profile}: p99 during a {sweep.RowsDeleted:N0}-row sweep ≤ 2× without" + (judged ? "" : " (shown beside it)"),
                double.IsNaN(sweep.P99Ratio) ? null : sweep.P99Ratio,
                ratio => ratio <= 2,
                judged ? "" : "not a target"));
        }

        return new ReportTable("Targets", ["target", "measured", "verdict"], rows, TextColumns: 1);
    }

    private static StoreResult? Hardened(IEnumerable<StoreResult> rows) =>
        rows.FirstOrDefault(row => BenchRatios.IsJudgedHardened(row.Profile)) ?? rows.FirstOrDefault(row => row.Profile.StartsWith(ServerProfiles.Hardened, StringComparison.Ordinal));

    private static IReadOnlyList<string> Row(string target, double? measured, Func<double, bool> met, string note = "") =>
    [
        target,
        ReportTable.Format(measured, "0.00") + "×",
        (measured is { } value ? (met(value) ? "met" : "NOT met") : "not measured") + (note.Length > 0 ? $" ({note})" : ""),
    ];
}
