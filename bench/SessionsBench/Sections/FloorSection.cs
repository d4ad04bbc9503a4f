using System.Diagnostics;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SessionsBench.Cli;
using SessionsBench.Hosting;
using SessionsBench.Measurement;
using SessionsBench.Reporting;
using SessionsBench.Runs;
using SessionsBench.Stores;
using SessionsServer.Configuration;
using SessionsServer.Stores;

namespace SessionsBench.Sections;

/// <summary>
/// The store's own ceiling here: loops at the peers' concurrency that call the hardened server's store client
/// directly (the very <see cref="IDistributedCache"/> it registered, under no guard, no session and no HTTP), each
/// doing what one request of the mix costs: get for a read, get then set for a counter.
/// </summary>
public sealed class FloorSection : IBenchSection
{
    public string Name => BenchSections.Floor;

    public int Steps(BenchOptions options) => Stores(options).Count;

    /// <summary>Memory has no floor below the server worth measuring: its calls are dictionary look-ups.</summary>
    private static List<string> Stores(BenchOptions options) => [.. options.Stores.Where(store => store != "memory")];

    public async Task RunAsync(BenchContext context, BenchResults results, SectionProgress progress)
    {
        foreach (var store in Stores(context.Options))
        {
            progress.Doing(store);
            await ProvisionedStore.RunAsync(Name, store, context, results, settings =>
                ProvisionedStore.StepAsync(Name, store, context, results, async () => results.Floors.Add(await MeasureAsync(store, settings, context))));
            progress.Done();
        }
    }

    private static async Task<FloorResult> MeasureAsync(string store, IReadOnlyDictionary<string, string?> settings, BenchContext context)
    {
        var options = context.Options;
        var target = new BenchTarget(store, ServerProfiles.Hardened, false);
        await using var host = await BenchServerHost.StartAsync(context.ServerContentRoot, target.Settings(settings), options.SessionLogLevel, context.Calls);
        var cache = host.Services.GetRequiredService<GuardedDistributedCache>().Inner;
        var entry = new DistributedCacheEntryOptions { SlidingExpiration = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SessionsServerOptions>>().Value.IdleTimeout };
        var loops = Enumerable.Range(0, options.Sessions).Select(index => new FloorLoop(cache, entry, index)).ToList();
        await Task.WhenAll(loops.Select(loop => loop.StartAsync()));

        await RunAsync(loops, context.WarmupFor(store, "floor"));
        foreach (var loop in loops)
        {
            loop.Latency.Reset();
        }

        var started = Stopwatch.GetTimestamp();
        var operations = await RunAsync(loops, options.Duration);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var result = new FloorResult(store, options.Sessions, operations, operations / elapsed.TotalSeconds, Percentiles.Of(loops.Select(loop => loop.Latency)), loops.Sum(loop => loop.Errors));
        context.Log.LogInformation("floor {Store}: {Rps:0} requests' worth of statements per second, p99 {P99:0.00} ms", store, result.Rps, result.Latency.P99Ms);
        return result;
    }

    private static async Task<long> RunAsync(IReadOnlyList<FloorLoop> loops, TimeSpan duration)
    {
        var started = Stopwatch.GetTimestamp();
        var counts = await Task.WhenAll(loops.Select(loop => Task.Run(async () =>
        {
            long done = 0;
            while (Stopwatch.GetElapsedTime(started) < duration)
            {
                await loop.NextAsync();
                done++;
            }

            return done;
        })));
        return counts.Sum();
    }

    /// <summary>One "session" of the floor: its own key, the mix's 70 % writes, one request's calls at a time.</summary>
    private sealed class FloorLoop(IDistributedCache cache, DistributedCacheEntryOptions entry, int index)
    {
        private readonly Random _mix = new(index);
        private readonly string _key = $"floor-{index}-{Guid.NewGuid():N}";

        public HdrHistogram.LongHistogram Latency { get; } = Percentiles.NewHistogram();

        public long Errors { get; private set; }

        public Task StartAsync() => cache.SetAsync(_key, SessionTable.SampleSession, entry);

        public async Task NextAsync()
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                var value = await cache.GetAsync(_key);
                if (_mix.Next(100) < 70)
                {
                    await cache.SetAsync(_key, value ?? SessionTable.SampleSession, entry);
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Errors++;
            }

            Percentiles.Record(Latency, Stopwatch.GetTimestamp() - started);
        }
    }
}
