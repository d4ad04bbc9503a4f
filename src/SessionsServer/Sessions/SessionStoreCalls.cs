using Microsoft.Extensions.Caching.Distributed;
using Sessions.Caching.Core;

namespace SessionsServer.Sessions;

/// <summary>
/// The store calls of one request's session, each bounded by the I/O timeout and cut short when the request's
/// session lock runs out (<c>leaseEnded</c>): no store call of a request goes on after another request took the
/// session. On a cache with conditional writes (the hardened profile's, every store) a write or removal applies only
/// over the bytes the request read; on any other it applies as the stock session's do.
/// </summary>
/// <param name="readForWrite">The request is expected to write: read without sliding the expiry where the store can.</param>
internal sealed class SessionStoreCalls(IDistributedCache cache, TimeSpan ioTimeout, CancellationToken leaseEnded, bool readForWrite)
{
    private readonly IConditionalDistributedCache? _conditional = cache as IConditionalDistributedCache;
    private readonly IPeekableDistributedCache? _peekable = readForWrite ? cache as IPeekableDistributedCache : null;

    /// <summary>Whether <see cref="ReadAsync"/> leaves the expiry where it was, so a request that writes nothing must slide it.</summary>
    public bool ReadsWithoutSlide => _peekable is not null;

    public Task<byte[]?> ReadAsync(string key, CancellationToken cancellationToken) =>
        Bounded(ct => _peekable?.PeekAsync(key, ct) ?? cache.GetAsync(key, ct), cancellationToken);

    public Task RefreshAsync(string key, CancellationToken cancellationToken) =>
        Bounded(async ct => { await cache.RefreshAsync(key, ct); return true; }, cancellationToken);

    /// <summary>Stores <paramref name="bytes"/>; false when the store no longer holds <paramref name="expected"/> (null: nothing live).</summary>
    public Task<bool> WriteAsync(string key, byte[]? expected, byte[] bytes, DistributedCacheEntryOptions options, CancellationToken cancellationToken) =>
        _conditional is { } conditional
            ? Bounded(ct => conditional.SetIfUnchangedAsync(key, expected, bytes, options, ct), cancellationToken)
            : Bounded(async ct => { await cache.SetAsync(key, bytes, options, ct); return true; }, cancellationToken);

    /// <summary>
    /// Removes what <paramref name="key"/> held when it was read as <paramref name="expected"/>; false when another
    /// request stored something else there since, which is newer than this removal and stays. Where nothing live was
    /// read there is nothing to remove.
    /// </summary>
    public async Task<bool> RemoveAsync(string key, byte[]? expected, CancellationToken cancellationToken)
    {
        if (_conditional is { } conditional)
        {
            return expected is null || await Bounded(ct => conditional.RemoveIfUnchangedAsync(key, expected, ct), cancellationToken);
        }

        await Bounded(async ct => { await cache.RemoveAsync(key, ct); return true; }, cancellationToken);
        return true;
    }

    private async Task<T> Bounded<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, leaseEnded);
        timeout.CancelAfter(ioTimeout);
        return await call(timeout.Token);
    }
}
