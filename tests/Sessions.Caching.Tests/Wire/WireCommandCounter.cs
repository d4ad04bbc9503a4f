namespace Sessions.Caching.Tests.Wire;

/// <summary>
/// Counts commands as the driver reports them, independently of the product's own meter, so the
/// one-round-trip claim is checked where the command leaves for the server.
/// </summary>
public abstract class WireCommandCounter : IDisposable
{
    private readonly string _marker;
    private int _count;

    /// <param name="marker">Text every command of the cache under test contains (its unique table name).</param>
    protected WireCommandCounter(string marker) => _marker = marker;

    public int Count => Volatile.Read(ref _count);

    public void Reset() => Interlocked.Exchange(ref _count, 0);

    public abstract void Dispose();

    protected void Observe(string? commandText)
    {
        // Parallel tests use other tables; only this cache's commands count.
        if (commandText is not null && commandText.Contains(_marker, StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _count);
        }
    }
}
