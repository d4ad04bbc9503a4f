using Microsoft.Extensions.Logging;
using SessionsBench.Cli;
using SessionsBench.Reporting;
using SessionsBench.Runs;
using SessionsBench.Stores;

namespace SessionsBench.Sections;

/// <summary>
/// The mix on a table that holds more and more live sessions: the table is seeded in bulk up to each size in turn
/// (one database per store, so 1 000 000 rows are inserted once, not once per step), then every profile runs on it.
/// </summary>
public sealed class GrowthSection : IBenchSection
{
    public const string SeedPrefix = "seed-";

    public string Name => BenchSections.Growth;

    public int Steps(BenchOptions options) =>
        Stores(options).Sum(store => BenchTarget.For(store, options).Count * options.GrowthRows.Count);

    internal static List<string> Stores(BenchOptions options) => [.. options.Stores.Where(BenchOptions.RelationalStores.Contains)];

    public async Task RunAsync(BenchContext context, BenchResults results, SectionProgress progress)
    {
        var options = context.Options;
        foreach (var store in Stores(options))
        {
            var targets = BenchTarget.For(store, options);
            var steps = targets.Count * options.GrowthRows.Count;
            var done = 0;
            progress.Doing($"{store}: preparing");
            await ProvisionedStore.RunAsync(Name, store, context, results, async settings =>
            {
                var table = await SessionTable.CreateAsync(store, settings, results.Engines.GetValueOrDefault(store), CancellationToken.None);
                var seeded = 0;
                foreach (var rows in options.GrowthRows)
                {
                    if (rows > seeded)
                    {
                        progress.Doing($"{store}: seeding to {rows:N0} rows");
                        var started = DateTimeOffset.UtcNow;
                        // Live for the whole run: the sweep must find nothing of these, and reads must not expire them.
                        await table.SeedAsync(SeedPrefix, seeded, rows - seeded, started.AddHours(2), CancellationToken.None);
                        context.Log.LogInformation("growth {Store}: seeded {Rows:N0} rows in {Seconds:0.0} s", store, rows - seeded, (DateTimeOffset.UtcNow - started).TotalSeconds);
                        seeded = rows;
                    }

                    foreach (var target in targets)
                    {
                        progress.Doing($"{target.Label} at {rows:N0} rows");
                        await ProvisionedStore.StepAsync(Name, $"{target.Label} at {rows} rows", context, results, async () =>
                            results.Growth.Add(await MeasureAsync(target, settings, rows, context)));
                        progress.Done();
                        done++;
                    }
                }
            });
            progress.Done(steps - done);
        }
    }

    private static async Task<GrowthResult> MeasureAsync(BenchTarget target, IReadOnlyDictionary<string, string?> settings, int rows, BenchContext context)
    {
        var options = context.Options;
        await using var server = await ServerUnderLoad.StartAsync(target, settings, options.Sessions, context);
        var measured = await server.MeasureAsync(options.Sessions, context.WarmupFor(target.Store, target.ProfileLabel), options.Duration);
        var lost = await server.LostIncrementsAsync(options.Sessions);
        context.Log.LogInformation("growth {Target} at {Rows:N0} rows: {Rps:0} req/s, p99 {P99:0.00} ms", target.Label, rows, measured.Rps, measured.Latency.P99Ms);
        return new GrowthResult(target.Store, target.ProfileLabel, rows, measured.Rps, measured.Latency, lost, server.Errors);
    }
}
