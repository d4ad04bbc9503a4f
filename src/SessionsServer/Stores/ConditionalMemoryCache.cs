using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Sessions.Caching.Core;

namespace SessionsServer.Stores;

/// <summary>
/// The official in-process memory cache with compare-and-set writes. A memory write completes before the call returns,
/// so one cannot arrive late on its own; the compare still matters when a caller holds a write and lets it go later, and
/// keeps the hardened session's rules the same on every store. Every write of a key takes that key's stripe lock, so
/// no other write of the key can fall between a compare and its write.
/// </summary>
internal sealed class ConditionalMemoryCache(MemoryDistributedCache inner) : IConditionalDistributedCache
{
    private const int StripeCount = 64;

    private readonly Lock[] _stripes = Enumerable.Range(0, StripeCount).Select(_ => new Lock()).ToArray();

    public byte[]? Get(string key) => inner.Get(key);

    public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => inner.GetAsync(key, token);

    public void Refresh(string key) => inner.Refresh(key);

    public Task RefreshAsync(string key, CancellationToken token = default) => inner.RefreshAsync(key, token);

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options)
    {
        lock (StripeOf(key))
        {
            inner.Set(key, value, options);
        }
    }

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        token.ThrowIfCancellationRequested();
        Set(key, value, options);
        return Task.CompletedTask;
    }

    public void Remove(string key)
    {
        lock (StripeOf(key))
        {
            inner.Remove(key);
        }
    }

    public Task RemoveAsync(string key, CancellationToken token = default)
    {
        token.ThrowIfCancellationRequested();
        Remove(key);
        return Task.CompletedTask;
    }

    public Task<bool> SetIfUnchangedAsync(string key, byte[]? expected, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        ArgumentNullException.ThrowIfNull(value);
        token.ThrowIfCancellationRequested();
        lock (StripeOf(key))
        {
            if (!Holds(inner.Get(key), expected))
            {
                return Task.FromResult(false);
            }

            inner.Set(key, value, options);
            return Task.FromResult(true);
        }
    }

    public Task<bool> RemoveIfUnchangedAsync(string key, byte[] expected, CancellationToken token = default)
    {
        ArgumentNullException.ThrowIfNull(expected);
        token.ThrowIfCancellationRequested();
        lock (StripeOf(key))
        {
            if (inner.Get(key) is not { } current || !Holds(current, expected))
            {
                return Task.FromResult(false);
            }

            inner.Remove(key);
            return Task.FromResult(true);
        }
    }

    private static bool Holds(byte[]? current, byte[]? expected) =>
        expected is null ? current is null : current is not null && current.AsSpan().SequenceEqual(expected);

    private Lock StripeOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _stripes[(uint)StringComparer.Ordinal.GetHashCode(key) % StripeCount];
    }
}
