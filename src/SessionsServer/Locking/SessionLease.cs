namespace SessionsServer.Locking;

/// <summary>
/// A session's lock while one request holds it. It ends when the request is done or when the lease runs out,
/// whichever comes first; at the lease's end <see cref="Ended"/> fires, so the holder's store calls stop and its
/// write is refused rather than landing after another request took the lock.
/// </summary>
internal sealed class SessionLease : IAsyncDisposable
{
    // The holder must be done a little before a store-side expiry (Redis) can hand the lock to someone else.
    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(100);

    private readonly CancellationTokenSource _lease;
    private readonly Func<Task> _release;
    private readonly ILogger _logger;
    private readonly CancellationTokenRegistration _expiry;
    private int _released;

    public SessionLease(TimeSpan lease, TimeProvider time, Func<Task> release, ILogger logger)
    {
        _release = release;
        _logger = logger;
        _lease = new CancellationTokenSource(lease > Margin * 2 ? lease - Margin : lease, time);
        _expiry = _lease.Token.UnsafeRegister(static state => ((SessionLease)state!).Expire(), this);
    }

    public CancellationToken Ended => _lease.Token;

    public async ValueTask DisposeAsync()
    {
        await _expiry.DisposeAsync();
        await ReleaseAsync();
        _lease.Dispose();
    }

    private void Expire()
    {
        LockLog.LeaseExpired(_logger);
        _ = ReleaseAsync();
    }

    private async Task ReleaseAsync()
    {
        if (Interlocked.Exchange(ref _released, 1) != 0)
        {
            return;
        }

        try
        {
            await _release();
        }
        catch (Exception ex)
        {
            // The store lock ends with its connection or its expiry anyway; saying so is all that is left to do.
            LockLog.ReleaseFailed(_logger, ex);
        }
    }
}
