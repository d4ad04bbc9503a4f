using Microsoft.AspNetCore.DataProtection.KeyManagement;
using SessionsServer.Locking;

namespace SessionsServer.KeyRing;

/// <summary>
/// Data protection makes a key that is active at once when the ring it read holds no usable key. Instances that start
/// together on an empty ring each read it empty, each make a key, and each keeps using the key it made, because it
/// re-reads the ring right after its own write, often before the other's lands. Every cookie an instance then issues is
/// under a key the others do not hold; .NET 10 re-reads the ring for an unknown key only in the first two minutes
/// after start (KeyRingProvider.AutoRefreshWindowEnd), so after that the others treat those cookies as foreign until
/// their next scheduled refresh, about a day later. Here the first key is made under the store's lock, and an instance
/// that finds a usable key made meanwhile returns that one instead of writing its own: every instance uses one key.
/// Keys made ahead of time (rotation, activated when the current key expires) are made as before; their activation
/// date leaves every instance time to read them.
/// </summary>
internal sealed class ConvergingKeyManager(IKeyManager inner, IStoreLock storeLock, string applicationName, TimeSpan ioTimeout, TimeProvider time, ILogger<ConvergingKeyManager> logger)
    : IKeyManager, IDisposable
{
    private readonly string _resource = SessionLocks.Resource("data-protection key ring " + applicationName);

    public IKey CreateNewKey(DateTimeOffset activationDate, DateTimeOffset expirationDate)
    {
        var now = time.GetUtcNow();
        if (activationDate > now)
        {
            return inner.CreateNewKey(activationDate, expirationDate);
        }

        var held = Acquire();
        try
        {
            if (UsableKey(inner.GetAllKeys(), now) is { } madeMeanwhile)
            {
                KeyRingLog.KeyMadeMeanwhile(logger, madeMeanwhile.KeyId);
                return madeMeanwhile;
            }

            return inner.CreateNewKey(activationDate, expirationDate);
        }
        finally
        {
            held.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    public IReadOnlyCollection<IKey> GetAllKeys() => inner.GetAllKeys();

    public CancellationToken GetCacheExpirationToken() => inner.GetCacheExpirationToken();

    public void RevokeKey(Guid keyId, string? reason = null) => inner.RevokeKey(keyId, reason);

    public void RevokeAllKeys(DateTimeOffset revocationDate, string? reason = null) => inner.RevokeAllKeys(revocationDate, reason);

    public void Dispose() => (storeLock as IDisposable)?.Dispose();

    /// <summary>
    /// A key in force now, latest activation first as data protection prefers (seen on 10.0.12); its own resolver then
    /// picks the default among all the keys it reads.
    /// </summary>
    private static IKey? UsableKey(IReadOnlyCollection<IKey> keys, DateTimeOffset now) => keys
        .Where(key => !key.IsRevoked && key.ActivationDate <= now && key.ExpirationDate > now)
        .OrderByDescending(key => key.ActivationDate)
        .ThenBy(key => key.KeyId)
        .FirstOrDefault();

    // Data protection calls the key manager synchronously; the store's lock is asynchronous and bounded by the I/O timeout.
    private IAsyncDisposable Acquire()
    {
        try
        {
            // Not abandoned at a timeout of its own: a lock granted after that would be held by nobody. Every store's
            // lock gives up at the deadline by itself.
            return Task.Run(() => storeLock.AcquireAsync(_resource, ioTimeout, LockDeadline.Start(time, ioTimeout), CancellationToken.None))
                .GetAwaiter().GetResult();
        }
        catch (SessionBusyException ex)
        {
            throw new TimeoutException($"The key ring's creation lock was not granted within the I/O timeout of {ioTimeout.TotalSeconds:0.#} s.", ex);
        }
    }
}
