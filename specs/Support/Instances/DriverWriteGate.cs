using Microsoft.Extensions.Caching.Distributed;
using Sessions.Caching.Core;

namespace Sessions.Specs.Support.Instances;

/// <summary>
/// Holds one session write inside an instance's store client, beneath the server's I/O-timeout guard, and when let
/// go completes it with no cancellation at all: what StackExchange.Redis does with a command in its backlog, and what
/// Npgsql or SqlClient may do when their best-effort cancellation loses the race. The guard gives up on the write at
/// the I/O timeout and the request answers 503, while the write itself is still on its way to the store.
/// </summary>
public sealed class DriverWriteGate : IAsyncDisposable
{
    private static readonly TimeSpan LongestHold = TimeSpan.FromSeconds(60);

    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string> _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _armed;

    /// <summary>Completes when a write reached the gate.</summary>
    public Task Reached => _reached.Task;

    /// <summary>What became of the held write once it was let go: applied, refused by the store, or failed.</summary>
    public Task<string> Finished => _finished.Task;

    /// <summary>The next write or removal that reaches the store client waits there until <see cref="Release"/>; one only.</summary>
    public void HoldNext() => Interlocked.Exchange(ref _armed, 1);

    public void Release() => _released.TrySetResult();

    public IConditionalDistributedCache Around(IConditionalDistributedCache inner) => new HeldInClient(inner, this);

    public ValueTask DisposeAsync()
    {
        Release();
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Runs <paramref name="write"/> at once, or, when armed, after <see cref="Release"/> and with
    /// <see cref="CancellationToken.None"/>: the request's token was cancelled long before, and this client ignores it.
    /// </summary>
    private async Task<T> PassAsync<T>(Func<CancellationToken, Task<T>> write, Func<T, string> describe, CancellationToken token)
    {
        if (Interlocked.Exchange(ref _armed, 0) == 0)
        {
            return await write(token);
        }

        _reached.TrySetResult();
        await _released.Task.WaitAsync(LongestHold);
        try
        {
            var result = await write(CancellationToken.None);
            _finished.TrySetResult(describe(result));
            return result;
        }
        catch (Exception ex)
        {
            _finished.TrySetResult($"failed: {ex.GetType().Name}: {ex.Message}");
            throw;
        }
    }

    private sealed class HeldInClient(IConditionalDistributedCache inner, DriverWriteGate gate) : IConditionalDistributedCache
    {
        public Task<bool> SetIfUnchangedAsync(string key, byte[]? expected, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
            gate.PassAsync(ct => inner.SetIfUnchangedAsync(key, expected, value, options, ct), Describe, token);

        public Task<bool> RemoveIfUnchangedAsync(string key, byte[] expected, CancellationToken token = default) =>
            gate.PassAsync(ct => inner.RemoveIfUnchangedAsync(key, expected, ct), Describe, token);

        public byte[]? Get(string key) => inner.Get(key);

        public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => inner.GetAsync(key, token);

        public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => SetAsync(key, value, options).GetAwaiter().GetResult();

        public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
            gate.PassAsync(async ct => { await inner.SetAsync(key, value, options, ct); return true; }, _ => "applied (an unconditional write)", token);

        public void Refresh(string key) => inner.Refresh(key);

        public Task RefreshAsync(string key, CancellationToken token = default) => inner.RefreshAsync(key, token);

        public void Remove(string key) => RemoveAsync(key).GetAwaiter().GetResult();

        private static string Describe(bool applied) =>
            applied ? "applied (the store held what the request had read)" : "not applied: the store no longer held what the request had read";

        public Task RemoveAsync(string key, CancellationToken token = default) =>
            gate.PassAsync(async ct => { await inner.RemoveAsync(key, ct); return true; }, _ => "applied (an unconditional removal)", token);
    }
}
