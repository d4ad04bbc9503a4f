namespace Sessions.Caching.Core;

/// <summary>
/// A cache that can read an entry without sliding its expiry. For a caller that will write the entry before it is done
/// (the write sets a fresh expiry), the slide of an ordinary read is a store write thrown away; on engines where every
/// write is a logged, committed transaction that is most of what a read costs.
/// </summary>
public interface IPeekableDistributedCache
{
    /// <summary>The entry's value, or null when it is missing or expired; its expiry is left as it is.</summary>
    Task<byte[]?> PeekAsync(string key, CancellationToken token = default);
}
