using Microsoft.Extensions.Caching.Distributed;
using Sessions.Caching.Core;
using Sessions.Caching.Diagnostics;

namespace Sessions.Caching;

// The conditional writes (IConditionalDistributedCache): one command each, like every other operation, counted as
// the set or remove they are. The compare runs in the store, so a command that reaches it late, after its caller
// gave up, writes nothing over a row that changed meanwhile.
public sealed partial class RelationalDistributedCache : IConditionalDistributedCache
{
    public Task<bool> SetIfUnchangedAsync(string key, byte[]? expected, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        SetIfUnchangedCoreAsync(key, expected, value, options, token).AsTask();

    public Task<bool> RemoveIfUnchangedAsync(string key, byte[] expected, CancellationToken token = default) =>
        RemoveIfUnchangedCoreAsync(key, expected, token).AsTask();

    private async ValueTask<bool> SetIfUnchangedCoreAsync(
        string key, byte[]? expected, byte[] value, DistributedCacheEntryOptions options, CancellationToken token)
    {
        CacheKeyRules.ValidateKey(key);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(options);
        token.ThrowIfCancellationRequested();
        _sweeper.SweepIfDue();

        // One time for the expiry written and for "is the row there live", outside the retry loop like SetCoreAsync's.
        var utcNow = _time.GetUtcNow();
        var expiration = EntryExpiration.From(options, utcNow, _options.DefaultSlidingExpiration);
        var written = await ExecuteAsync(
            StoreOperation.Set,
            command => _dialect.PrepareSetIfUnchanged(command, key, expected, value, expiration, utcNow),
            NonQueryAsync,
            useAsync: true,
            token).ConfigureAwait(false);
        return written > 0;
    }

    private async ValueTask<bool> RemoveIfUnchangedCoreAsync(string key, byte[] expected, CancellationToken token)
    {
        CacheKeyRules.ValidateKey(key);
        ArgumentNullException.ThrowIfNull(expected);
        token.ThrowIfCancellationRequested();
        _sweeper.SweepIfDue();
        var deleted = await ExecuteAsync(
            StoreOperation.Remove,
            command => _dialect.PrepareRemoveIfUnchanged(command, key, expected),
            NonQueryAsync,
            useAsync: true,
            token).ConfigureAwait(false);
        return deleted > 0;
    }
}
