using Microsoft.Extensions.Logging;
using SessionsBench.Cli;
using SessionsBench.Reporting;
using SessionsBench.Runs;

namespace SessionsBench.Sections;

/// <summary>req/s and p99 at each number of sessions: one server per store and profile, its first n sessions at a time.</summary>
public sealed class ConcurrencySection : IBenchSection
{
    /// <summary>Later levels only add sessions to a warm server; a short warm-up opens their connections.</summary>
    private static readonly TimeSpan LevelWarmup = TimeSpan.FromSeconds(1);

    public string Name => BenchSections.Concurrency;

    public int Steps(BenchOptions options) => options.Stores.Sum(store => BenchTarget.For(store, options).Count * options.ConcurrencyLevels.Count);

    public async Task RunAsync(BenchContext context, BenchResults results, SectionProgress progress)
    {
        var options = context.Options;
        var levels = options.ConcurrencyLevels;
        foreach (var store in options.Stores)
        {
            var targets = BenchTarget.For(store, options);
            var done = 0;
            progress.Doing($"{store}: preparing");
            await ProvisionedStore.RunAsync(Name, store, context, results, async settings =>
            {
                foreach (var target in targets)
                {
                    progress.Doing($"{target.Label}: starting {levels.Max()} sessions");
                    await ProvisionedStore.StepAsync(Name, target.Label, context, results, async () =>
                    {
                        await using var server = await ServerUnderLoad.StartAsync(target, settings, levels.Max(), context);
                        foreach (var sessions in levels)
                        {
                            progress.Doing($"{target.Label} with {sessions} sessions");
                            var warmup = sessions == levels[0] ? context.WarmupFor(store, target.ProfileLabel) : TimeSpan.FromTicks(Math.Min(options.Warmup.Ticks, LevelWarmup.Ticks));
                            var errorsBefore = server.Errors;
                            var measured = await server.MeasureAsync(sessions, warmup, options.Duration);
                            var lost = await server.LostIncrementsAsync(sessions);
                            results.Concurrency.Add(new ConcurrencyResult(store, target.ProfileLabel, sessions, measured.Rps, measured.Latency, lost, server.Errors - errorsBefore));
                            context.Log.LogInformation("concurrency {Target} x{Sessions}: {Rps:0} req/s, p99 {P99:0.00} ms", target.Label, sessions, measured.Rps, measured.Latency.P99Ms);
                            if (server.Errors > errorsBefore)
                            {
                                // What went wrong is the finding; the server's first errors say it.
                                context.Log.LogWarning("concurrency {Target} x{Sessions}: {Errors} errors; the server's first: {Samples}", target.Label, sessions, server.Errors - errorsBefore, string.Join(" | ", server.Stats.Samples));
                            }
                            progress.Done();
                            done++;
                        }
                    });
                }
            });
            progress.Done(targets.Count * levels.Count - done);
        }
    }
}
