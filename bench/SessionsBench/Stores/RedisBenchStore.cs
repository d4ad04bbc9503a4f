namespace SessionsBench.Stores;

/// <summary>
/// Redis as configured. Nothing is flushed: session keys are random under the server's "Sessions:" prefix,
/// so they cannot collide with other data, and they expire after the idle timeout.
/// </summary>
public sealed class RedisBenchStore(string connectionString) : BenchStore("redis")
{
    protected override string? ConnectionString => connectionString;
}
