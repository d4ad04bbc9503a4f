using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Sessions.Caching.Core;
using StackExchange.Redis;

namespace SessionsServer.Stores;

/// <summary>
/// The official Redis cache, with compare-and-set writes as Lua scripts over its own hash layout (fields <c>absexp</c>,
/// <c>sldexp</c>, <c>data</c>, the key's TTL the expiry), so the official cache, and with it the tutorial profile,
/// reads every entry written here. StackExchange.Redis ignores cancellation: a command in its backlog is sent once the
/// connection is back, long after the request gave up. Redis runs a script alone, so the compare and the write cannot
/// be split, and such a late write changes nothing if the entry changed meanwhile.
/// </summary>
internal sealed class ConditionalRedisCache(RedisCache official, RedisStoreConnection connection, string instanceName) : IConditionalDistributedCache, IPeekableDistributedCache
{
    private const long NotPresent = -1;

    private const string DataField = "data";

    // ARGV: 1 "1" when an entry is expected, 2 its data, 3 absexp, 4 sldexp, 5 the new data, 6 the TTL in seconds or -1.
    private const string SetIfUnchangedScript = """
        local current = redis.call('HGET', KEYS[1], 'data')
        if ARGV[1] == '1' then
          if current ~= ARGV[2] then return 0 end
        elseif current then
          return 0
        end
        redis.call('HSET', KEYS[1], 'absexp', ARGV[3], 'sldexp', ARGV[4], 'data', ARGV[5])
        if ARGV[6] ~= '-1' then redis.call('EXPIRE', KEYS[1], ARGV[6]) end
        return 1
        """;

    private const string RemoveIfUnchangedScript = """
        if redis.call('HGET', KEYS[1], 'data') ~= ARGV[1] then return 0 end
        return redis.call('DEL', KEYS[1])
        """;

    public byte[]? Get(string key) => official.Get(key);

    public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => official.GetAsync(key, token);

    /// <summary>
    /// The entry's data and nothing else: the official read fetches three fields and then resets the TTL in a second
    /// round trip, which a session about to be written (with a fresh TTL) does not need. An expired entry is gone in
    /// Redis itself, so there is nothing more to check.
    /// </summary>
    public async Task<byte[]?> PeekAsync(string key, CancellationToken token = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        token.ThrowIfCancellationRequested();
        var data = await connection.Database().HashGetAsync(instanceName + key, DataField).ConfigureAwait(false);
        return data.IsNull ? null : (byte[]?)data;
    }

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => official.Set(key, value, options);

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        official.SetAsync(key, value, options, token);

    public void Refresh(string key) => official.Refresh(key);

    public Task RefreshAsync(string key, CancellationToken token = default) => official.RefreshAsync(key, token);

    public void Remove(string key) => official.Remove(key);

    public Task RemoveAsync(string key, CancellationToken token = default) => official.RemoveAsync(key, token);

    public async Task<bool> SetIfUnchangedAsync(string key, byte[]? expected, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(options);
        token.ThrowIfCancellationRequested();

        // The official cache's arithmetic: absolute expiry as UTC ticks, sliding window as ticks, TTL the shorter of both.
        var now = DateTimeOffset.UtcNow;
        var absolute = options.AbsoluteExpirationRelativeToNow is { } relative ? now + relative : options.AbsoluteExpiration;
        var sliding = options.SlidingExpiration;
        long? ttl = (absolute, sliding) switch
        {
            ({ } a, { } s) => (long)Math.Min((a - now).TotalSeconds, s.TotalSeconds),
            ({ } a, null) => (long)(a - now).TotalSeconds,
            (null, { } s) => (long)s.TotalSeconds,
            _ => null,
        };

        var result = await connection.Database().ScriptEvaluateAsync(
            SetIfUnchangedScript,
            [(RedisKey)(instanceName + key)],
            [
                expected is null ? "0" : "1",
                expected ?? RedisValue.EmptyString,
                absolute?.Ticks ?? NotPresent,
                sliding?.Ticks ?? NotPresent,
                value,
                ttl ?? NotPresent,
            ]).ConfigureAwait(false);
        return (long)result == 1;
    }

    public async Task<bool> RemoveIfUnchangedAsync(string key, byte[] expected, CancellationToken token = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(expected);
        token.ThrowIfCancellationRequested();
        var result = await connection.Database().ScriptEvaluateAsync(
            RemoveIfUnchangedScript, [(RedisKey)(instanceName + key)], [expected]).ConfigureAwait(false);
        return (long)result == 1;
    }
}
