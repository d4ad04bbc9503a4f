using Microsoft.Extensions.Logging;
using SessionsBench.Cli;
using SessionsBench.Measurement;

namespace SessionsBench.Runs;

/// <summary>What every section shares: the options, where the server's content lives, the store-call counter and the log.</summary>
public sealed record BenchContext(BenchOptions Options, string ServerContentRoot, StoreCallCounter Calls, ILogger Log);
