using FluentAssertions;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Options;
using SessionsServer.Stores;
using StackExchange.Redis;
using Xunit;

namespace SessionsServer.Tests.Stores;

/// <summary>The hardened Redis cache's read without the slide, on the real server from SESSIONS_REDIS.</summary>
public sealed class ConditionalRedisCacheTests : IAsyncDisposable
{
    private static readonly TimeSpan Sliding = TimeSpan.FromSeconds(100);
    private readonly ConnectionMultiplexer _redis;
    private readonly RedisStoreConnection _connection;
    private readonly ConditionalRedisCache _cache;

    public ConditionalRedisCacheTests()
    {
        var configuration = Environment.GetEnvironmentVariable("SESSIONS_REDIS");
        Assert.SkipWhen(string.IsNullOrWhiteSpace(configuration), "SESSIONS_REDIS is not set (e.g. 127.0.0.1:6379)");
        _redis = ConnectionMultiplexer.Connect(configuration!);
        _connection = new RedisStoreConnection(ConfigurationOptions.Parse(configuration!));
        var official = new RedisCache(Options.Create(new RedisCacheOptions { Configuration = configuration, InstanceName = SessionCacheRegistration.RedisInstanceName }));
        _cache = new ConditionalRedisCache(official, _connection, SessionCacheRegistration.RedisInstanceName);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Peek_reads_the_data_and_leaves_the_expiry_where_it_was()
    {
        var key = Guid.NewGuid().ToString("N");
        var stored = (RedisKey)(SessionCacheRegistration.RedisInstanceName + key);
        await _cache.SetAsync(key, [1, 2, 3], new DistributedCacheEntryOptions { SlidingExpiration = Sliding }, Ct);
        await _redis.GetDatabase().KeyExpireAsync(stored, TimeSpan.FromSeconds(50));

        (await _cache.PeekAsync(key, Ct)).Should().Equal(1, 2, 3);
        (await _redis.GetDatabase().KeyTimeToLiveAsync(stored)).Should().BeLessThanOrEqualTo(TimeSpan.FromSeconds(50), "a peek does not slide");

        (await _cache.GetAsync(key, Ct)).Should().Equal(1, 2, 3);
        (await _redis.GetDatabase().KeyTimeToLiveAsync(stored)).Should().BeGreaterThan(TimeSpan.FromSeconds(90), "the ordinary read slides, which is how the test can tell");
    }

    [Fact]
    public async Task Peek_of_an_absent_or_removed_entry_is_null()
    {
        var key = Guid.NewGuid().ToString("N");
        (await _cache.PeekAsync(key, Ct)).Should().BeNull();

        await _cache.SetAsync(key, [7], new DistributedCacheEntryOptions { SlidingExpiration = Sliding }, Ct);
        await _cache.RemoveAsync(key, Ct);
        (await _cache.PeekAsync(key, Ct)).Should().BeNull();
    }

    public async ValueTask DisposeAsync()
    {
        _connection.Dispose();
        await _redis.DisposeAsync();
    }
}
