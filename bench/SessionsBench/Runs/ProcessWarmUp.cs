using Microsoft.Extensions.Logging;
using Sessions.Testing.Stores;

namespace SessionsBench.Runs;

/// <summary>
/// A discarded memory run per profile first: otherwise the first row alone pays for JIT-compiling Kestrel, TLS and the
/// client, and rows would differ by their position, not by their store. Each row still gets its own warm-up.
/// </summary>
public static class ProcessWarmUp
{
    // Longer than a row's own warm-up: with only a short one, the first measured row still ran at about half speed
    // (seen: memory/stock 10.8k req/s first, 18.6k second).
    private static readonly TimeSpan Least = TimeSpan.FromSeconds(3);

    public static async Task RunAsync(BenchContext context)
    {
        var options = context.Options;
        if (options.Warmup <= TimeSpan.Zero)
        {
            return;
        }

        var duration = options.Warmup > Least ? options.Warmup : Least;
        foreach (var target in options.Profiles.Select(profile => new BenchTarget("memory", profile, null)))
        {
            try
            {
                await using var store = new MemoryStore();
                await using var server = await ServerUnderLoad.StartAsync(target, await store.PrepareAsync(CancellationToken.None), options.Sessions, context);
                await server.MeasureAsync(options.Sessions, TimeSpan.Zero, duration);
            }
            catch (Exception ex)
            {
                // Not fatal here: the measured rows run the same code and report the failure where it belongs.
                context.Log.LogWarning(ex, "process warm-up on {Target} failed", target.Label);
            }
        }
    }
}
