using Microsoft.Extensions.Logging;

namespace SessionsBench.Reporting;

/// <summary>Everything a run measured, skipped or failed, collected by the sections and read by the reports.</summary>
public sealed class BenchResults
{
    private readonly List<string> _skipped = [];
    private readonly List<string> _failed = [];

    public DateTimeOffset Started { get; } = DateTimeOffset.UtcNow;

    public List<StoreResult> Peers { get; } = [];

    public List<FloorResult> Floors { get; } = [];

    public List<GrowthResult> Growth { get; } = [];

    public List<SweepResult> Sweeps { get; } = [];

    public List<ConcurrencyResult> Concurrency { get; } = [];

    /// <summary>What answered for each store (e.g. Babelfish for sqlserver), as its provisioner reported it.</summary>
    public Dictionary<string, string> Engines { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Skipped => _skipped;

    public IReadOnlyList<string> Failed => _failed;

    /// <summary>Lost increments or errors anywhere, or a step that failed: the run's exit code is 1.</summary>
    public bool Broken =>
        _failed.Count > 0
        || Peers.Any(result => result.Failed)
        || Floors.Any(result => result.Errors > 0)
        || Growth.Any(result => result.Lost != 0 || result.Errors > 0)
        || Sweeps.Any(result => result.Errors > 0)
        || Concurrency.Any(result => result.Lost != 0 || result.Errors > 0);

    /// <summary>A store that is not available here is said once, whichever section met it first.</summary>
    public void Skip(string reason, ILogger log)
    {
        lock (_skipped)
        {
            if (!_skipped.Contains(reason))
            {
                _skipped.Add(reason);
                log.LogWarning("skipped {Reason}", reason);
            }
        }
    }

    public void Fail(string section, string what, Exception error, ILogger log)
    {
        var line = $"{section} {what}: {error.GetType().Name}: {error.Message.Split('\n')[0]}";
        lock (_failed)
        {
            _failed.Add(line);
        }

        log.LogError(error, "FAILED {Line}", line);
    }
}
