using Microsoft.Extensions.Logging;
using SessionsBench.Cli;
using SessionsBench.Measurement;

namespace SessionsBench.Runs;

/// <summary>What every section shares: the options, where the server's content lives, the store-call counter and the log.</summary>
public sealed record BenchContext(BenchOptions Options, string ServerContentRoot, StoreCallCounter Calls, ILogger Log)
{
    // The process warm-up runs on memory only, so a store's driver and dialect, and each profile's session, are
    // still being JIT-compiled in the first row that uses them: with a 1 s warm-up the first sqlite growth row ran at
    // 0.6x of the later ones, and the first profile of a store looked slower than the second by its position alone.
    private static readonly TimeSpan FirstUse = TimeSpan.FromSeconds(6);

    private readonly HashSet<(string Store, string Profile)> _warmed = [];

    /// <summary>The warm-up of a row: <see cref="BenchOptions.Warmup"/>, at least six seconds the first time a store and profile run.</summary>
    public TimeSpan WarmupFor(string store, string profile)
    {
        lock (_warmed)
        {
            return _warmed.Add((store, profile)) && Options.Warmup > TimeSpan.Zero && Options.Warmup < FirstUse ? FirstUse : Options.Warmup;
        }
    }
}
