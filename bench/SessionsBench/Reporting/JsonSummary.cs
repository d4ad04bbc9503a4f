using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SessionsBench.Reporting;

/// <summary>The single machine-readable line that ends stdout: every row of every section, skips and failures.</summary>
public static class JsonSummary
{
    public static string Render(BenchResults results)
    {
        var summary = new JsonObject
        {
            ["stores"] = Array(results.Peers, row => new JsonObject
            {
                ["store"] = row.Store,
                ["profile"] = row.Profile,
                ["rps"] = Round(row.Rps, 1),
                ["p50_ms"] = Round(row.Latency.P50Ms, 3),
                ["p95_ms"] = Round(row.Latency.P95Ms, 3),
                ["p99_ms"] = Round(row.Latency.P99Ms, 3),
                ["trips_read"] = Round(row.TripsRead.PerRequest, 3),
                ["trips_write"] = Round(row.TripsWrite.PerRequest, 3),
                ["alloc_bytes_per_req"] = Round(row.AllocBytesPerRequest, 0),
                ["ratio_to_memory"] = Round(row.RatioToMemory, 3),
                ["ratio_to_tutorial"] = Round(row.RatioToTutorial, 3),
                ["fraction_of_floor"] = Round(row.FractionOfFloor, 3),
                ["lost_increments"] = row.LostIncrements,
                ["errors"] = row.Errors,
                ["requests"] = row.Requests,
            }),
            ["floor"] = Array(results.Floors, row => new JsonObject
            {
                ["store"] = row.Store, ["sessions"] = row.Sessions, ["rps"] = Round(row.Rps, 1), ["p99_ms"] = Round(row.Latency.P99Ms, 3), ["errors"] = row.Errors,
            }),
            ["growth"] = Array(results.Growth, row => new JsonObject
            {
                ["store"] = row.Store, ["profile"] = row.Profile, ["rows"] = row.Rows, ["rps"] = Round(row.Rps, 1), ["p99_ms"] = Round(row.Latency.P99Ms, 3),
                ["ratio_to_smallest"] = Round(BenchRatios.GrowthRatio(results, row), 3), ["lost_increments"] = row.Lost, ["errors"] = row.Errors,
            }),
            ["sweep"] = Array(results.Sweeps, row => new JsonObject
            {
                ["store"] = row.Store, ["profile"] = row.Profile, ["sweep"] = row.Sweep, ["rows_deleted"] = row.RowsDeleted,
                ["sweep_seconds"] = Round(row.SweepTime.TotalSeconds, 3), ["p99_ms_without"] = Round(row.Without.P99Ms, 3),
                ["p99_ms_during"] = Round(row.During.P99Ms, 3), ["p99_ratio"] = Round(row.P99Ratio, 3), ["errors"] = row.Errors,
            }),
            ["concurrency"] = Array(results.Concurrency, row => new JsonObject
            {
                ["store"] = row.Store, ["profile"] = row.Profile, ["sessions"] = row.Sessions, ["rps"] = Round(row.Rps, 1),
                ["p99_ms"] = Round(row.Latency.P99Ms, 3), ["lost_increments"] = row.Lost, ["errors"] = row.Errors,
            }),
        };
        foreach (var (name, lines) in new[] { ("engines", results.Engines.Select(pair => $"{pair.Key}: {pair.Value}").ToList()), ("skipped", [.. results.Skipped]), ("failed", results.Failed.ToList()) })
        {
            if (lines.Count > 0)
            {
                summary[name] = new JsonArray([.. lines.Select(line => (JsonNode?)JsonValue.Create(line))]);
            }
        }

        // Relaxed escaping: the line is read by scripts and people, never embedded in HTML, so quotes stay readable.
        return summary.ToJsonString(new JsonSerializerOptions { WriteIndented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    private static JsonArray Array<T>(IEnumerable<T> rows, Func<T, JsonObject> row) => new([.. rows.Select(item => (JsonNode?)row(item))]);

    private static double? Round(double? value, int digits) =>
        value is { } number && !double.IsNaN(number) ? Math.Round(number, digits, MidpointRounding.AwayFromZero) : null;
}
