using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Internal;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Sessions.Caching.Configuration;
using Sessions.Caching.Tests.Contract;

namespace Sessions.Caching.Tests.Stores;

/// <summary>
/// The stock MemoryDistributedCache as the reference: where it and a relational store agree, the
/// contract describes IDistributedCache itself rather than one implementation's habits.
/// </summary>
[Trait("Store", "memory")]
public sealed class MemoryCacheTests : CacheContractTests
{
    protected override Task<IDistributedCache> NewCacheAsync(Action<RelationalCacheOptions>? configure = null, bool provision = true)
    {
        var options = new MemoryDistributedCacheOptions { Clock = new FakeSystemClock(Clock) };
        return Task.FromResult<IDistributedCache>(new MemoryDistributedCache(Options.Create(options)));
    }

    protected override string? Unsupported(StoreCapability capability) => capability switch
    {
        StoreCapability.Table or StoreCapability.Sweeping or StoreCapability.CommandMetrics =>
            "memory: the in-memory reference has no table, no commands and no sweeper API.",
        StoreCapability.KeyRules => "memory: MemoryDistributedCache accepts empty keys and keys of any length (449 is the SQL table's limit).",
        StoreCapability.Cancellation => "memory: MemoryDistributedCache completes synchronously and ignores the cancellation token.",
        StoreCapability.DefaultSlidingExpiration => "memory: MemoryDistributedCache keeps entries without expiration forever (no default window).",
        StoreCapability.RejectsPastAbsoluteExpiration => "memory: MemoryCache accepts a past absolute expiration and drops the entry instead of throwing.",
        _ => null,
    };

    // MemoryCache still reads time through ISystemClock; this bridges it to the test's FakeTimeProvider.
    private sealed class FakeSystemClock(FakeTimeProvider time) : ISystemClock
    {
        public DateTimeOffset UtcNow => time.GetUtcNow();
    }
}
