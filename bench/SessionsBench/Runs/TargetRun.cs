using System.Net;
using SessionsBench.Cli;
using SessionsBench.Hosting;
using SessionsBench.Load;
using SessionsBench.Measurement;
using SessionsBench.Reporting;
using Sessions.Testing.Http;

namespace SessionsBench.Runs;

/// <summary>One server on one store in one profile: start, warm up, measure, verify, probe, stop.</summary>
public static class TargetRun
{
    /// <param name="settings">The store's server settings, as its provisioner made them; the profile is added here.</param>
    public static async Task<StoreResult> RunAsync(
        string storeName, IReadOnlyDictionary<string, string?> settings, string profile, BenchOptions options, string serverContentRoot, StoreCallCounter calls, TextWriter progress)
    {
        var profiled = new Dictionary<string, string?>(settings) { ["Sessions:Profile"] = profile };
        await using var host = await BenchServerHost.StartAsync(serverContentRoot, profiled, options.SessionLogLevel, calls);
        progress.WriteLine($"  {storeName}/{profile}: server on {host.BaseAddress} " +
            $"(session log Information: {(host.SessionLogs(Microsoft.Extensions.Logging.LogLevel.Information) ? "on" : "off")}, " +
            $"Debug: {(host.SessionLogs(Microsoft.Extensions.Logging.LogLevel.Debug) ? "on" : "off")})");

        using var client = CreateClient(host.BaseAddress, host.CertificateSha256, options.Sessions);
        var stats = new LoadStats();
        var sessions = Enumerable.Range(0, options.Sessions).Select(index => new BenchSession(client, index, stats)).ToList();
        await Task.WhenAll(sessions.Select(session => session.StartAsync()));

        if (options.Warmup > TimeSpan.Zero)
        {
            await LoadPhase.RunAsync(sessions, options.Warmup, record: false);
        }

        // Client and server share this process, so this counts both sides; it still compares stores fairly.
        // A negative delta (a runtime counting bug) is reported as n/a rather than as a number.
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var (requests, elapsed) = await LoadPhase.RunAsync(sessions, options.Duration, record: true);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

        // One more increment per session: whatever the last mixed request was, the final answer must equal the session's own count.
        await Task.WhenAll(sessions.Select(session => session.SendAsync(RequestKind.Counter, record: false)));
        var lost = sessions.Sum(session => (long)Math.Abs(session.Increments - session.LastCounter));

        var probe = new BenchSession(client, options.Sessions, stats);
        await probe.StartAsync();
        var (read, write) = await RoundTripProbe.MeasureAsync(probe, calls, options.ProbeRequests);


        var result = new StoreResult(
            storeName,
            profile,
            requests,
            requests / elapsed.TotalSeconds,
            Percentiles.Of(sessions.Select(session => (IReadOnlyList<long>)session.LatencyTicks)),
            read,
            write,
            requests == 0 || allocated < 0 ? double.NaN : (double)allocated / requests,
            lost,
            stats.Errors + stats.Mismatches,
            stats.Samples);
        progress.WriteLine($"  {storeName}/{profile}: {result.Rps:0} req/s, p99 {result.Latency.P99Ms:0.00} ms, " +
            $"trips read {read.Breakdown}, write {write.Breakdown}, errors {result.Errors}, lost {lost}");
        return result;
    }

    /// <summary>One handler for all sessions (cookies are sent by hand), so the client costs the same for every store.</summary>
    private static HttpClient CreateClient(Uri baseAddress, string pinnedSha256, int sessions)
    {
        var handler = PinnedHttps.Handler(pinnedSha256);
        handler.AutomaticDecompression = DecompressionMethods.None;
        handler.MaxConnectionsPerServer = sessions;
        handler.PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5);
        return new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }
}
