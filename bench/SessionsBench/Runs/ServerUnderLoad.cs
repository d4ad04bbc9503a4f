using System.Net;
using Microsoft.Extensions.Logging;
using SessionsBench.Hosting;
using SessionsBench.Load;
using SessionsBench.Measurement;
using Sessions.Testing.Hosting;
using Sessions.Testing.Http;

namespace SessionsBench.Runs;

/// <summary>
/// One started server with its logged-in sessions. Phases may use the first few sessions only (the concurrency
/// curve); every session's counter is checked once at the end.
/// </summary>
public sealed class ServerUnderLoad : IAsyncDisposable
{
    private readonly HttpClient _client;

    private ServerUnderLoad(BenchTarget target, SessionsServerHost host, HttpClient client, IReadOnlyList<BenchSession> sessions, LoadStats stats)
    {
        Target = target;
        Host = host;
        _client = client;
        Sessions = sessions;
        Stats = stats;
    }

    public BenchTarget Target { get; }

    public SessionsServerHost Host { get; }

    public IReadOnlyList<BenchSession> Sessions { get; }

    /// <summary>Failed requests and wrong counter answers of every phase so far.</summary>
    public LoadStats Stats { get; }

    /// <param name="storeSettings">The store's server settings, as its provisioner made them.</param>
    public static async Task<ServerUnderLoad> StartAsync(BenchTarget target, IReadOnlyDictionary<string, string?> storeSettings, int sessions, BenchContext context)
    {
        var host = await BenchServerHost.StartAsync(context.ServerContentRoot, target.Settings(storeSettings), context.Options.SessionLogLevel, context.Calls);
        try
        {
            context.Log.LogDebug("{Target}: {Stack}", target.Label, host.Stack);
            var client = CreateClient(host.BaseAddress, host.CertificateSha256, sessions + 1);
            var stats = new LoadStats();
            var all = Enumerable.Range(0, sessions).Select(index => new BenchSession(client, index, stats)).ToList();
            await Task.WhenAll(all.Select(session => session.StartAsync()));
            return new ServerUnderLoad(target, host, client, all, stats);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>Warm-up, then one measured phase of the mix on the first <paramref name="sessions"/> sessions.</summary>
    public async Task<LoadMeasurement> MeasureAsync(int sessions, TimeSpan warmup, TimeSpan duration, Task? until = null)
    {
        var used = Sessions.Take(sessions).ToList();
        await LoadPhase.WarmUpAsync(used, warmup);
        return await LoadPhase.MeasureAsync(used, duration, until);
    }

    /// <summary>Store calls per read and per write, from a session of its own with nothing else running.</summary>
    public async Task<(RoundTrips Read, RoundTrips Write)> ProbeAsync(StoreCallCounter calls, int requests)
    {
        var probe = new BenchSession(_client, Sessions.Count, Stats);
        await probe.StartAsync();
        return await RoundTripProbe.MeasureAsync(probe, calls, requests);
    }

    /// <summary>
    /// One more increment per session: whatever its last request was, the answer must equal the session's own count.
    /// Returns the increments lost, summed over the first <paramref name="sessions"/> sessions (0 expected: each
    /// session is sequential).
    /// </summary>
    public async Task<long> LostIncrementsAsync(int sessions)
    {
        var used = Sessions.Take(sessions).ToList();
        await Task.WhenAll(used.Select(session => session.SendAsync(RequestKind.Counter, record: false)));
        return used.Sum(session => (long)Math.Abs(session.Increments - session.LastCounter));
    }

    public long Errors => Stats.Errors + Stats.Mismatches;

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await Host.DisposeAsync();
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
