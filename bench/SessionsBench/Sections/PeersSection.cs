using Microsoft.Extensions.Logging;
using SessionsBench.Cli;
using SessionsBench.Reporting;
using SessionsBench.Runs;

namespace SessionsBench.Sections;

/// <summary>Every store in every profile, one server each: req/s, latency, store calls per read and write, allocations.</summary>
public sealed class PeersSection : IBenchSection
{
    public string Name => BenchSections.Peers;

    public int Steps(BenchOptions options) => options.Stores.Sum(store => BenchTarget.For(store, options).Count);

    public async Task RunAsync(BenchContext context, BenchResults results, SectionProgress progress)
    {
        var options = context.Options;
        foreach (var store in options.Stores)
        {
            var targets = BenchTarget.For(store, options);
            progress.Doing($"{store}: preparing");
            var ran = await ProvisionedStore.RunAsync(Name, store, context, results, async settings =>
            {
                foreach (var target in targets)
                {
                    progress.Doing(target.Label);
                    await ProvisionedStore.StepAsync(Name, target.Label, context, results, async () => results.Peers.Add(await MeasureAsync(target, settings, context)));
                    progress.Done();
                }
            });
            if (!ran)
            {
                progress.Done(targets.Count);
            }
        }
    }

    private static async Task<StoreResult> MeasureAsync(BenchTarget target, IReadOnlyDictionary<string, string?> settings, BenchContext context)
    {
        var options = context.Options;
        await using var server = await ServerUnderLoad.StartAsync(target, settings, options.Sessions, context);
        var measured = await server.MeasureAsync(options.Sessions, context.WarmupFor(target.Store, target.ProfileLabel), options.Duration);
        var lost = await server.LostIncrementsAsync(options.Sessions);
        var (read, write) = await server.ProbeAsync(context.Calls, options.ProbeRequests);
        var result = new StoreResult(
            target.Store, target.ProfileLabel, measured.Requests, measured.Rps, measured.Latency, read, write,
            measured.AllocBytesPerRequest, lost, server.Errors, server.Stats.Samples);
        context.Log.LogInformation(
            "peers {Target}: {Rps:0} req/s, p99 {P99:0.00} ms, trips read {Read}, write {Write}, errors {Errors}, lost {Lost}",
            target.Label, result.Rps, result.Latency.P99Ms, read.Breakdown, write.Breakdown, result.Errors, lost);
        return result;
    }
}
