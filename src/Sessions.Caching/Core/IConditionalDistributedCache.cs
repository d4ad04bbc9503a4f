using Microsoft.Extensions.Caching.Distributed;

namespace Sessions.Caching.Core;

/// <summary>
/// An <see cref="IDistributedCache"/> whose writes can be made conditional on the entry still holding what the writer
/// read (compare-and-set on the stored bytes). A write that a store client completes late, after its caller gave up,
/// then changes nothing when anything newer was written meanwhile. The check runs inside the store, in the same
/// statement or script as the write, so it needs no agreement between the application's clocks and the store's.
/// </summary>
public interface IConditionalDistributedCache : IDistributedCache
{
    /// <summary>
    /// Writes <paramref name="value"/> only if the entry's value is exactly <paramref name="expected"/>, or, when
    /// <paramref name="expected"/> is null, only if there is no live entry (none, or only an expired one).
    /// </summary>
    /// <returns>False when the entry held something else: nothing was written.</returns>
    Task<bool> SetIfUnchangedAsync(string key, byte[]? expected, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default);

    /// <summary>Removes the entry only if its value is exactly <paramref name="expected"/>.</summary>
    /// <returns>False when the entry held something else or was gone: nothing was removed.</returns>
    Task<bool> RemoveIfUnchangedAsync(string key, byte[] expected, CancellationToken token = default);
}
