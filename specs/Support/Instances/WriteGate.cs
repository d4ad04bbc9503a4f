using Microsoft.Extensions.Caching.Distributed;
using Sessions.Caching.Core;
using SessionsServer.Stores;

namespace Sessions.Specs.Support.Instances;

/// <summary>
/// Holds one instance's next session write until the scenario lets it go, so two requests can be made to overlap
/// in a chosen order instead of by luck. The held write ignores the request's own timeout while it waits, as a
/// stuck holder would; it proceeds, with whatever token it was given, once released (at the latest when the
/// scenario ends).
/// </summary>
public sealed class WriteGate : IAsyncDisposable
{
    private static readonly TimeSpan LongestHold = TimeSpan.FromSeconds(60);

    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _armed;

    /// <summary>Completes when a request's write reached the gate, that is after the request read its session.</summary>
    public Task Reached => _reached.Task;

    /// <summary>The next write that reaches the gate waits there until <see cref="Release"/>; one write only.</summary>
    public void HoldNext() => Interlocked.Exchange(ref _armed, 1);

    public void Release() => _released.TrySetResult();

    /// <summary>A second gate, inside the store client beneath the hardened profile's I/O-timeout guard (<see cref="DriverWriteGate"/>).</summary>
    public DriverWriteGate InClient { get; } = new();

    /// <summary>
    /// This gate around the server's cache; in the hardened profile the guard is rebuilt around
    /// <see cref="InClient"/>, so a write can also be held where the guard no longer waits for it.
    /// </summary>
    public IDistributedCache Around(IDistributedCache inner) =>
        new GatedCache(inner is GuardedDistributedCache guard ? guard.WithInner(InClient.Around) : inner, this);

    public async ValueTask DisposeAsync()
    {
        Release();
        await InClient.DisposeAsync();
    }

    private async Task PassAsync()
    {
        if (Interlocked.Exchange(ref _armed, 0) == 1)
        {
            _reached.TrySetResult();
            await _released.Task.WaitAsync(LongestHold);
        }
    }

    /// <summary>Passes the hardened session's conditional writes on too, held like any other write.</summary>
    private sealed class GatedCache(IDistributedCache inner, WriteGate gate) : IConditionalDistributedCache
    {
        private IConditionalDistributedCache Conditional => inner as IConditionalDistributedCache
            ?? throw new InvalidOperationException($"{inner.GetType().FullName} has no conditional writes; only the hardened profile's cache has them.");

        public async Task<bool> SetIfUnchangedAsync(string key, byte[]? expected, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
        {
            await gate.PassAsync();
            return await Conditional.SetIfUnchangedAsync(key, expected, value, options, token);
        }

        public Task<bool> RemoveIfUnchangedAsync(string key, byte[] expected, CancellationToken token = default) =>
            Conditional.RemoveIfUnchangedAsync(key, expected, token);

        public byte[]? Get(string key) => inner.Get(key);

        public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => inner.GetAsync(key, token);

        public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => SetAsync(key, value, options).GetAwaiter().GetResult();

        public async Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
        {
            await gate.PassAsync();
            await inner.SetAsync(key, value, options, token);
        }

        public void Refresh(string key) => inner.Refresh(key);

        public Task RefreshAsync(string key, CancellationToken token = default) => inner.RefreshAsync(key, token);

        public void Remove(string key) => inner.Remove(key);

        public Task RemoveAsync(string key, CancellationToken token = default) => inner.RemoveAsync(key, token);
    }
}
