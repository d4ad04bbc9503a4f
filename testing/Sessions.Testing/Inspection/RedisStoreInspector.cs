using StackExchange.Redis;

namespace Sessions.Testing.Inspection;

/// <summary>Reads the server's Redis cache entries: a hash per session under "Sessions:&lt;key&gt;", its TTL the expiry.</summary>
public sealed class RedisStoreInspector(IConnectionMultiplexer redis) : IStoreInspector
{
    // The server's RedisCache InstanceName; every key it writes starts with it.
    private const string InstanceName = "Sessions:";

    public async Task<StoredSession?> ReadAsync(string sessionKey, CancellationToken cancellationToken)
    {
        var database = redis.GetDatabase();
        var key = InstanceName + sessionKey;
        var data = await database.HashGetAsync(key, "data").WaitAsync(cancellationToken);
        if (data.IsNull)
        {
            return null;
        }

        var ttl = await database.KeyTimeToLiveAsync(key).WaitAsync(cancellationToken);
        var expiresAt = ttl is { } left ? DateTimeOffset.UtcNow + left : DateTimeOffset.MaxValue;
        return new StoredSession((byte[])data!, expiresAt, $"redis hash '{key}' (TTL {ttl?.TotalSeconds:0.0} s)");
    }

    public Task<string> SweepAsync(CancellationToken cancellationToken) =>
        Task.FromResult("Redis deletes a key when its TTL runs out; there is nothing to sweep");
}
