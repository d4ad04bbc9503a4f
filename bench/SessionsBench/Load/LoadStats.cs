namespace SessionsBench.Load;

/// <summary>Failures seen by all sessions of one run; a few samples are kept so the report can say what went wrong.</summary>
public sealed class LoadStats
{
    private const int MaxSamples = 5;
    private readonly List<string> _samples = [];
    private long _errors;
    private long _mismatches;

    public long Errors => Interlocked.Read(ref _errors);

    /// <summary>Counter answers that did not equal the session's own count of increments.</summary>
    public long Mismatches => Interlocked.Read(ref _mismatches);

    public IReadOnlyList<string> Samples
    {
        get
        {
            lock (_samples)
            {
                return [.. _samples];
            }
        }
    }

    public void Error(string what)
    {
        Interlocked.Increment(ref _errors);
        Sample(what);
    }

    public void Mismatch(string what)
    {
        Interlocked.Increment(ref _mismatches);
        Sample(what);
    }

    private void Sample(string what)
    {
        lock (_samples)
        {
            if (_samples.Count < MaxSamples)
            {
                _samples.Add(what);
            }
        }
    }
}
