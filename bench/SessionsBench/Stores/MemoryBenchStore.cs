namespace SessionsBench.Stores;

/// <summary>The in-process store: the baseline every other store's throughput is divided by.</summary>
public sealed class MemoryBenchStore() : BenchStore("memory")
{
    protected override string? ConnectionString => null;
}
