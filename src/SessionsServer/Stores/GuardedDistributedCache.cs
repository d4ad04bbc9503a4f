using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Caching.Distributed;
using Sessions.Caching.Core;
using SessionsServer.Hosting;

namespace SessionsServer.Stores;

/// <summary>
/// Puts every store call under the I/O timeout whether or not the store honours cancellation, turns store
/// failures into <see cref="SessionCacheUnavailableException"/> naming the store, and counts calls so the
/// benchmark can report round trips per request. The guard only stops waiting: a write it gave up on may still reach
/// the store, which is why the session's writes are conditional (<see cref="IConditionalDistributedCache"/>).
/// </summary>
public sealed class GuardedDistributedCache : IConditionalDistributedCache, IPeekableDistributedCache
{
    public const string MeterName = "SessionsServer.Store";
    public const string CallsCounterName = "sessions.store.calls";

    private static readonly Meter StoreMeter = new(MeterName);
    private static readonly Counter<long> Calls = StoreMeter.CreateCounter<long>(CallsCounterName, description: "Calls from the session layer to the session store.");

    private readonly IConditionalDistributedCache _inner;
    private readonly TimeSpan _ioTimeout;
    private readonly ILogger<GuardedDistributedCache> _logger;
    private readonly Func<Exception, bool> _passThrough;

    /// <param name="passThrough">Failures that already say what is wrong (e.g. a missing table) and must reach the caller as they are.</param>
    public GuardedDistributedCache(IConditionalDistributedCache inner, string store, TimeSpan ioTimeout, ILogger<GuardedDistributedCache> logger, Func<Exception, bool>? passThrough = null)
    {
        _inner = inner;
        Store = store;
        _ioTimeout = ioTimeout;
        _logger = logger;
        _passThrough = passThrough ?? (_ => false);
    }

    public string Store { get; }

    public IConditionalDistributedCache Inner => _inner;

    /// <summary>
    /// The same guard (store, I/O timeout, log, failures passed through) around <paramref name="decorate"/>d inner
    /// cache: for tests that must act beneath the guard, where a store client that ignores cancellation works.
    /// </summary>
    public GuardedDistributedCache WithInner(Func<IConditionalDistributedCache, IConditionalDistributedCache> decorate)
    {
        ArgumentNullException.ThrowIfNull(decorate);
        return new GuardedDistributedCache(decorate(_inner), Store, _ioTimeout, _logger, _passThrough);
    }

    public byte[]? Get(string key) => GetAsync(key).GetAwaiter().GetResult();

    public Task<byte[]?> GetAsync(string key, CancellationToken token = default) =>
        CallAsync("get", ct => _inner.GetAsync(key, ct), token);

    /// <summary>A read without the slide where the store has one; elsewhere the ordinary read, which slides.</summary>
    public Task<byte[]?> PeekAsync(string key, CancellationToken token = default) => _inner is IPeekableDistributedCache peekable
        ? CallAsync("peek", ct => peekable.PeekAsync(key, ct), token)
        : GetAsync(key, token);

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => SetAsync(key, value, options).GetAwaiter().GetResult();

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        CallAsync("set", async ct => { await _inner.SetAsync(key, value, options, ct); return true; }, token);

    public Task<bool> SetIfUnchangedAsync(string key, byte[]? expected, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        CallAsync("set", ct => _inner.SetIfUnchangedAsync(key, expected, value, options, ct), token);

    public Task<bool> RemoveIfUnchangedAsync(string key, byte[] expected, CancellationToken token = default) =>
        CallAsync("remove", ct => _inner.RemoveIfUnchangedAsync(key, expected, ct), token);

    public void Refresh(string key) => RefreshAsync(key).GetAwaiter().GetResult();

    public Task RefreshAsync(string key, CancellationToken token = default) =>
        CallAsync("refresh", async ct => { await _inner.RefreshAsync(key, ct); return true; }, token);

    public void Remove(string key) => RemoveAsync(key).GetAwaiter().GetResult();

    public Task RemoveAsync(string key, CancellationToken token = default) =>
        CallAsync("remove", async ct => { await _inner.RemoveAsync(key, ct); return true; }, token);

    private async Task<T> CallAsync<T>(string operation, Func<CancellationToken, Task<T>> call, CancellationToken token)
    {
        Calls.Add(1, new KeyValuePair<string, object?>("store", Store), new KeyValuePair<string, object?>("operation", operation));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
        timeout.CancelAfter(_ioTimeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            // WaitAsync bounds the wait even when a client library ignores the token while it reconnects.
            return await call(timeout.Token).WaitAsync(_ioTimeout, token);
        }
        catch (Exception ex) when (!token.IsCancellationRequested && !_passThrough(ex) && ex is not ArgumentException)
        {
            ServerLog.StoreCallFailed(_logger, Store, operation, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, ex);
            var timedOut = ex is TimeoutException or OperationCanceledException;
            var reason = timedOut ? $"{StoreFailures.NoAnswer} of {_ioTimeout.TotalSeconds:0.#} s" : StoreFailures.FirstLine(ex.Message);
            throw new SessionCacheUnavailableException(Store, reason, timedOut, ex);
        }
    }
}
