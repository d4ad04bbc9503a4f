using SessionsServer.Stores;
using StackExchange.Redis;

namespace SessionsServer.Locking;

/// <summary>
/// A Redis key set only if absent, with an expiry (<c>SET NX PX</c>), released only by the token that took it. Redis
/// cannot wait for a key to go, so a waiter asks again after a short pause that grows to 25 ms; a holder that died
/// loses the lock when the key expires, at the end of its lease (half the I/O timeout).
/// </summary>
internal sealed class RedisStoreLock(RedisStoreConnection connection, string applicationName) : IStoreLock
{
    private static readonly TimeSpan LongestPause = TimeSpan.FromMilliseconds(25);

    public async Task<IAsyncDisposable> AcquireAsync(string resource, TimeSpan lease, LockDeadline deadline, CancellationToken cancellationToken)
    {
        RedisKey key = $"SessionLocks:{applicationName}:{resource}";
        RedisValue token = Guid.NewGuid().ToString("N");
        var pause = TimeSpan.FromMilliseconds(1);
        while (true)
        {
            var database = connection.Database();
            if (await database.LockTakeAsync(key, token, lease).WaitAsync(deadline.AnswerWithin, cancellationToken))
            {
                return new Held(database, key, token);
            }

            if (deadline.Remaining <= pause)
            {
                throw deadline.Busy();
            }

            await Task.Delay(pause, cancellationToken);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPause.Ticks));
        }
    }

    private sealed class Held(IDatabase database, RedisKey key, RedisValue token) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await database.LockReleaseAsync(key, token);
    }
}
