using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Time.Testing;
using Sessions.Caching.Configuration;

namespace Sessions.Caching.Tests.Contract;

/// <summary>
/// The behaviour every session store must show, written once. A subclass per store supplies the
/// cache; cases a store cannot express are skipped with the reason, never silently dropped.
/// </summary>
public abstract partial class CacheContractTests : IDisposable
{
    protected static readonly DateTimeOffset Start = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly List<IDisposable> _owned = [];

    /// <summary>All expiry is judged against this clock, so time cases advance it instead of sleeping.</summary>
    protected FakeTimeProvider Clock { get; } = new(Start);

    /// <summary>Receives the log of every relational cache the test creates.</summary>
    protected ListLogger Logs { get; } = new();

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected static DistributedCacheEntryOptions Sliding(TimeSpan window) => new() { SlidingExpiration = window };

    protected static byte[] Bytes(string text) => System.Text.Encoding.UTF8.GetBytes(text);

    protected static string NewKey(string prefix = "k") => $"{prefix}-{Guid.NewGuid():N}";

    /// <summary>A new cache over a new, empty table (created through the product's provisioning unless told not to).</summary>
    protected abstract Task<IDistributedCache> NewCacheAsync(Action<RelationalCacheOptions>? configure = null, bool provision = true);

    /// <summary>Why this store cannot run a case, or null when it can.</summary>
    protected virtual string? Unsupported(StoreCapability capability) => null;

    protected void Require(StoreCapability capability)
    {
        if (Unsupported(capability) is { } reason)
        {
            Assert.Skip(reason);
        }
    }

    protected T Own<T>(T resource)
        where T : IDisposable
    {
        _owned.Add(resource);
        return resource;
    }

    public void Dispose()
    {
        foreach (var resource in _owned)
        {
            resource.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Set_get_remove_round_trip_async()
    {
        var cache = await NewCacheAsync();
        var key = NewKey();

        await cache.SetAsync(key, Bytes("hello"), Sliding(TimeSpan.FromMinutes(5)), Ct);
        (await cache.GetAsync(key, Ct)).Should().Equal(Bytes("hello"));

        await cache.SetAsync(key, Bytes("replaced"), Sliding(TimeSpan.FromMinutes(5)), Ct);
        (await cache.GetAsync(key, Ct)).Should().Equal(Bytes("replaced"));

        await cache.RemoveAsync(key, Ct);
        (await cache.GetAsync(key, Ct)).Should().BeNull();
    }

    [Fact]
    public async Task Set_get_refresh_remove_round_trip_sync()
    {
        var cache = await NewCacheAsync();
        var key = NewKey();

        cache.Set(key, Bytes("sync"), Sliding(TimeSpan.FromMinutes(5)));
        cache.Get(key).Should().Equal(Bytes("sync"));
        cache.Refresh(key);
        cache.Remove(key);
        cache.Get(key).Should().BeNull();
    }

    [Fact]
    public async Task Missing_key_reads_null_and_remove_or_refresh_of_it_is_harmless()
    {
        var cache = await NewCacheAsync();
        var key = NewKey();

        (await cache.GetAsync(key, Ct)).Should().BeNull();
        await cache.RefreshAsync(key, Ct);
        await cache.RemoveAsync(key, Ct);
        (await cache.GetAsync(key, Ct)).Should().BeNull();
    }
}
