using Microsoft.Extensions.Logging;
using SessionsBench.Cli;
using SessionsBench.Reporting;
using SessionsBench.Runs;
using SessionsBench.Stores;
using SessionsServer.Configuration;

namespace SessionsBench.Sections;

/// <summary>
/// p99 of the mix while many expired rows are swept, against p99 of the same server just before. Each profile sweeps
/// the way its cache does: the official SqlServerCache with one unbatched DELETE, the project's cache by its own sweep
/// (which also serves the tutorial profile on sqlite and postgres, where the tutorial has no cache of its own).
/// </summary>
public sealed class SweepSection : IBenchSection
{
    public const string OfficialSweep = "official: one DELETE";
    public const string ProjectSweep = "project";

    public string Name => BenchSections.Sweep;

    public int Steps(BenchOptions options) => GrowthSection.Stores(options).Sum(store => BenchTarget.For(store, options).Count);

    public async Task RunAsync(BenchContext context, BenchResults results, SectionProgress progress)
    {
        foreach (var store in GrowthSection.Stores(context.Options))
        {
            var targets = BenchTarget.For(store, context.Options);
            var done = 0;
            progress.Doing($"{store}: preparing");
            await ProvisionedStore.RunAsync(Name, store, context, results, async settings =>
            {
                var table = await SessionTable.CreateAsync(store, settings, results.Engines.GetValueOrDefault(store), CancellationToken.None);
                foreach (var target in targets)
                {
                    progress.Doing(target.Label);
                    await ProvisionedStore.StepAsync(Name, target.Label, context, results, async () =>
                        results.Sweeps.Add(await MeasureAsync(target, settings, table, progress, context)));
                    progress.Done();
                    done++;
                }
            });
            progress.Done(targets.Count - done);
        }
    }

    private static async Task<SweepResult> MeasureAsync(BenchTarget target, IReadOnlyDictionary<string, string?> settings, SessionTable table, SectionProgress progress, BenchContext context)
    {
        var options = context.Options;
        await using var server = await ServerUnderLoad.StartAsync(target, settings, options.Sessions, context);
        var without = await server.MeasureAsync(options.Sessions, context.WarmupFor(target.Store, target.ProfileLabel), options.Duration);

        progress.Doing($"{target.Label}: seeding {options.SweepRows:N0} expired rows");
        await table.SeedAsync($"expired-{target.ProfileLabel}-", 0, options.SweepRows, DateTimeOffset.UtcNow.AddMinutes(-1), CancellationToken.None);
        await server.MeasureAsync(options.Sessions, TimeSpan.Zero, TimeSpan.FromSeconds(1));

        progress.Doing($"{target.Label}: sweeping under load");
        var official = target.Store == "sqlserver" && target.Profile == ServerProfiles.Tutorial;
        var sessionTable = server.Host.SessionTable ?? throw new InvalidOperationException($"{target.Label} has no session table");
        var started = DateTimeOffset.UtcNow;
        var sweep = Task.Run(() => official
            ? table.DeleteExpiredInOneStatementAsync(CancellationToken.None)
            : sessionTable.DeleteExpiredItemsAsync(CancellationToken.None));
        // The phase lasts exactly as long as the sweep: every request it records started while rows were being deleted.
        var during = await server.MeasureAsync(options.Sessions, TimeSpan.Zero, TimeSpan.Zero, until: sweep);
        var deleted = await sweep;
        var sweepTime = DateTimeOffset.UtcNow - started;
        var lost = await server.LostIncrementsAsync(options.Sessions);

        var result = new SweepResult(
            target.Store, target.ProfileLabel, official ? OfficialSweep : ProjectSweep, deleted, sweepTime,
            without.Latency, during.Latency, without.Rps, during.Rps, server.Errors + lost);
        context.Log.LogInformation(
            "sweep {Target}: {Deleted:N0} rows in {Seconds:0.00} s; p99 {Without:0.00} ms without, {During:0.00} ms during",
            target.Label, deleted, sweepTime.TotalSeconds, without.Latency.P99Ms, during.Latency.P99Ms);
        return result;
    }
}
