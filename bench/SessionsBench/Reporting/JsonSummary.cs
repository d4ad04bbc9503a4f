using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SessionsBench.Reporting;

/// <summary>The single machine-readable line that ends stdout, one entry per store and profile.</summary>
public static class JsonSummary
{
    public static string Render(IReadOnlyList<StoreResult> results, IReadOnlyList<string> skipped, IReadOnlyList<string> failed)
    {
        var stores = new JsonArray();
        foreach (var result in results)
        {
            stores.Add(new JsonObject
            {
                ["store"] = result.Store,
                ["profile"] = result.Profile,
                ["rps"] = Round(result.Rps, 1),
                ["p50_ms"] = Round(result.Latency.P50Ms, 3),
                ["p95_ms"] = Round(result.Latency.P95Ms, 3),
                ["p99_ms"] = Round(result.Latency.P99Ms, 3),
                ["trips_read"] = Round(result.TripsRead.PerRequest, 3),
                ["trips_write"] = Round(result.TripsWrite.PerRequest, 3),
                ["alloc_bytes_per_req"] = double.IsNaN(result.AllocBytesPerRequest) ? null : Round(result.AllocBytesPerRequest, 0),
                ["ratio_to_memory"] = result.RatioToMemory is { } ratio ? Round(ratio, 3) : null,
                ["lost_increments"] = result.LostIncrements,
                ["errors"] = result.Errors,
                ["requests"] = result.Requests,
            });
        }

        var summary = new JsonObject { ["stores"] = stores };
        if (skipped.Count > 0)
        {
            summary["skipped"] = Strings(skipped);
        }

        if (failed.Count > 0)
        {
            summary["failed"] = Strings(failed);
        }

        // Relaxed escaping: the line is read by scripts and people, never embedded in HTML, so quotes stay readable.
        return summary.ToJsonString(new JsonSerializerOptions { WriteIndented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    private static JsonArray Strings(IEnumerable<string> lines) => new([.. lines.Select(line => (JsonNode?)JsonValue.Create(line))]);

    private static double Round(double value, int digits) => Math.Round(value, digits, MidpointRounding.AwayFromZero);
}
