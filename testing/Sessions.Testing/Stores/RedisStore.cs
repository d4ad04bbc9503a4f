using Sessions.Testing.Hosting;
using Sessions.Testing.Inspection;
using StackExchange.Redis;

namespace Sessions.Testing.Stores;

/// <summary>Redis from SESSIONS_REDIS. Session keys are random, so runs share the server without a database of their own.</summary>
public sealed class RedisStore(string? connectionString) : StoreProvisioner
{
    private ConnectionMultiplexer? _redis;

    public override string Name => "redis";

    public override string? UnavailableReason => string.IsNullOrWhiteSpace(connectionString)
        ? "SESSIONS_REDIS is not set (e.g. 127.0.0.1:6379); `eval \"$(bash ci/services.sh)\"` starts Redis and sets it"
        : null;

    public override async Task<IReadOnlyDictionary<string, string?>> PrepareAsync(CancellationToken cancellationToken)
    {
        var options = ConfigurationOptions.Parse(connectionString!);
        options.ConnectTimeout = 5000;
        try
        {
            _redis = await ConnectionMultiplexer.ConnectAsync(options);
            await _redis.GetDatabase().PingAsync();
        }
        catch (RedisException ex)
        {
            throw new ServerStartException($"SESSIONS_REDIS is set but Redis at {connectionString} does not answer: {ServerStartException.FirstLine(ex)}", ex);
        }

        return new Dictionary<string, string?> { ["Sessions:Store"] = "redis", ["ConnectionStrings:Sessions"] = connectionString };
    }

    public override StoreView? CreateView(SessionsServerHost host) =>
        _redis is null ? null : new StoreView(new RedisStoreInspector(_redis), new SessionKeys(host.Services));

    public override async ValueTask DisposeAsync()
    {
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
