namespace SessionsServer.Locking;

/// <summary>
/// The lock a store keeps for a session across every instance that shares it. Each implementation releases a lock
/// whose holder is gone without help from that holder: with its transaction (SQL Server, PostgreSQL), its expiry
/// (Redis) or its file descriptor (SQLite).
/// </summary>
internal interface IStoreLock
{
    /// <summary>Waits until <paramref name="deadline"/> at most; throws <see cref="SessionBusyException"/> when the lock stayed taken.</summary>
    /// <param name="resource">A digest of the session key: stores show lock names to anyone who looks, and keys are secrets.</param>
    /// <param name="lease">How long the lock may outlive a holder that never releases it (Redis expiry).</param>
    Task<IAsyncDisposable> AcquireAsync(string resource, TimeSpan lease, LockDeadline deadline, CancellationToken cancellationToken);
}
