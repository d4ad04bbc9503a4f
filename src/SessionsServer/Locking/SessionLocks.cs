using System.Security.Cryptography;
using System.Text;

namespace SessionsServer.Locking;

/// <summary>
/// One request at a time per session (<c>Sessions:SerializeRequests</c>). Requests of one instance queue in
/// process first, so a session busy with twenty requests costs the store one waiter per instance, not twenty
/// connections blocked in a lock call; the first in line then takes the store's lock, which is what orders
/// instances. A lock is held for half the I/O timeout at most (<see cref="SessionLease"/>), so neither a request
/// stuck in this process nor a holder that died can keep a session shut for longer.
/// </summary>
internal sealed class SessionLocks(IStoreLock? storeLock, TimeSpan ioTimeout, TimeProvider time, ILogger<SessionLocks> logger) : IDisposable
{
    // Half, not all of it: a waiter may wait one I/O timeout, and one that arrives just after a stuck request took the
    // lock must still get it in time. With a lease as long as the wait, it got it or a 503 by a few milliseconds.
    private readonly TimeSpan _lease = ioTimeout / 2;

    private readonly Dictionary<string, Queue> _queues = new(StringComparer.Ordinal);

    private sealed class Queue
    {
        public readonly SemaphoreSlim Turn = new(1, 1);
        public int Users;
    }

    public async Task<SessionLease> AcquireAsync(string sessionKey, CancellationToken cancellationToken)
    {
        var deadline = LockDeadline.Start(time, ioTimeout);
        var queue = Join(sessionKey);
        try
        {
            if (!await queue.Turn.WaitAsync(deadline.Remaining, cancellationToken))
            {
                throw deadline.Busy();
            }
        }
        catch
        {
            Leave(sessionKey, queue);
            throw;
        }

        IAsyncDisposable? held = null;
        try
        {
            if (storeLock is not null)
            {
                held = await storeLock.AcquireAsync(Resource(sessionKey), _lease, deadline, cancellationToken);
            }
        }
        catch (Exception ex)
        {
            LockLog.NotTaken(logger, (long)time.GetElapsedTime(deadline.StartedAt).TotalMilliseconds, ex is SessionBusyException ? "busy" : ex.GetType().Name);
            queue.Turn.Release();
            Leave(sessionKey, queue);
            throw;
        }

        return new SessionLease(_lease, time, async () =>
        {
            try
            {
                if (held is not null)
                {
                    await held.DisposeAsync();
                }
            }
            finally
            {
                queue.Turn.Release();
                Leave(sessionKey, queue);
            }
        }, logger);
    }

    public void Dispose() => (storeLock as IDisposable)?.Dispose();

    /// <summary>The name a store sees: a digest, because lock names show up in monitoring views and the key is a secret.</summary>
    internal static string Resource(string sessionKey) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sessionKey)), 0, 16);

    private Queue Join(string sessionKey)
    {
        lock (_queues)
        {
            if (!_queues.TryGetValue(sessionKey, out var queue))
            {
                _queues[sessionKey] = queue = new Queue();
            }

            queue.Users++;
            return queue;
        }
    }

    private void Leave(string sessionKey, Queue queue)
    {
        lock (_queues)
        {
            if (--queue.Users == 0)
            {
                _queues.Remove(sessionKey);
                queue.Turn.Dispose();
            }
        }
    }
}
