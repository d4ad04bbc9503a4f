using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Sessions.Caching.Core;
using Sessions.Testing.Hosting;

namespace SessionsBench.Measurement;

/// <summary>
/// Counts every <see cref="IDistributedCache"/> call the server makes, by operation, the same way for both profiles:
/// installed around whatever cache the server registered (the official SqlServerCache, Redis or memory cache in the
/// tutorial profile, the guarded project cache in the hardened one), so neither stack is measured by its own account.
/// </summary>
public sealed class StoreCallCounter
{
    private readonly ConcurrentDictionary<string, long> _byOperation = new(StringComparer.Ordinal);

    /// <summary>Calls per operation so far; subtract two snapshots to count a phase.</summary>
    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>(_byOperation, StringComparer.Ordinal);

    /// <summary>Replaces the server's cache registration by the same cache behind a counter.</summary>
    public void Install(IServiceCollection services) =>
        CacheDecoration.Install(services, inner => new CountedDistributedCache(inner, this));

    internal void Count(string operation) => _byOperation.AddOrUpdate(operation, 1, (_, total) => total + 1);

    /// <summary>The hardened session writes conditionally; those calls are counted as the set or remove they are.</summary>
    private sealed class CountedDistributedCache(IDistributedCache inner, StoreCallCounter counter) : IConditionalDistributedCache, IPeekableDistributedCache
    {
        private IConditionalDistributedCache Conditional => inner as IConditionalDistributedCache
            ?? throw new InvalidOperationException($"{inner.GetType().FullName} has no conditional writes; only the hardened profile's cache has them.");

        public Task<bool> SetIfUnchangedAsync(string key, byte[]? expected, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
        {
            counter.Count("set");
            return Conditional.SetIfUnchangedAsync(key, expected, value, options, token);
        }

        public Task<bool> RemoveIfUnchangedAsync(string key, byte[] expected, CancellationToken token = default)
        {
            counter.Count("remove");
            return Conditional.RemoveIfUnchangedAsync(key, expected, token);
        }

        // Counted as a read: it is one, only without the slide.
        public Task<byte[]?> PeekAsync(string key, CancellationToken token = default)
        {
            counter.Count("get");
            return inner is IPeekableDistributedCache peekable ? peekable.PeekAsync(key, token) : inner.GetAsync(key, token);
        }

        public byte[]? Get(string key)
        {
            counter.Count("get");
            return inner.Get(key);
        }

        public Task<byte[]?> GetAsync(string key, CancellationToken token = default)
        {
            counter.Count("get");
            return inner.GetAsync(key, token);
        }

        public void Set(string key, byte[] value, DistributedCacheEntryOptions options)
        {
            counter.Count("set");
            inner.Set(key, value, options);
        }

        public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
        {
            counter.Count("set");
            return inner.SetAsync(key, value, options, token);
        }

        public void Refresh(string key)
        {
            counter.Count("refresh");
            inner.Refresh(key);
        }

        public Task RefreshAsync(string key, CancellationToken token = default)
        {
            counter.Count("refresh");
            return inner.RefreshAsync(key, token);
        }

        public void Remove(string key)
        {
            counter.Count("remove");
            inner.Remove(key);
        }

        public Task RemoveAsync(string key, CancellationToken token = default)
        {
            counter.Count("remove");
            return inner.RemoveAsync(key, token);
        }
    }
}
