using System.Diagnostics;
using FluentAssertions;
using Sessions.Testing.Faults;
using SessionsServer.Locking;
using SessionsServer.Stores;
using StackExchange.Redis;
using Xunit;

namespace SessionsServer.Tests.Locking;

/// <summary>
/// A lock holder that dies mid-request (its instance killed) never shuts the session: the store itself frees the lock,
/// because nobody is left to release it. SQL Server and PostgreSQL end the lock's transaction when the holder's
/// connection goes, here reset by a fault proxy as a dead process's would be; Redis lets the lock's key expire at the
/// end of its lease. Real stores from SESSIONS_SQLSERVER, SESSIONS_POSTGRES and SESSIONS_REDIS.
/// </summary>
public sealed class DeadHolderTests
{
    private static readonly TimeSpan LongLease = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TransactionStoreLocks.Stores), MemberType = typeof(TransactionStoreLocks))]
    public async Task A_holder_whose_connection_goes_loses_the_lock_at_once(string store)
    {
        var variable = store == "sqlserver" ? "SESSIONS_SQLSERVER" : "SESSIONS_POSTGRES";
        var connectionString = Environment.GetEnvironmentVariable(variable);
        Assert.SkipWhen(string.IsNullOrWhiteSpace(connectionString), $"{variable} is not set: no {store} to take a lock on");
        await using var proxied = ProxiedStore.Start(store, connectionString!);
        using var holder = TransactionStoreLocks.For(store, proxied.ConnectionString);
        using var waiter = TransactionStoreLocks.For(store, connectionString!);
        var resource = SessionLocks.Resource(Guid.NewGuid().ToString("N"));

        // The waiter's pool opened as /healthz opens a server's: a cold Babelfish login alone can take most of a second.
        await (await waiter.AcquireAsync(SessionLocks.Resource("warm-up"), LongLease, Deadline(5), Ct)).DisposeAsync();
        var held = await holder.AcquireAsync(resource, LongLease, Deadline(5), Ct);
        await waiter.Invoking(w => w.AcquireAsync(resource, LongLease, Deadline(1), Ct))
            .Should().ThrowAsync<SessionBusyException>("the holder has it, and its lease is long");

        proxied.Proxy.Cut();
        var clock = Stopwatch.StartNew();
        await using (await waiter.AcquireAsync(resource, LongLease, Deadline(5), Ct))
        {
            clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2), "the store ends a lock whose connection went, long before its lease");
        }

        await held.Invoking(h => h.DisposeAsync().AsTask()).Should().ThrowAsync<Exception>("its connection is gone, and with it the lock");
    }

    [Fact]
    public async Task A_holder_that_never_releases_loses_the_lock_when_its_lease_ends()
    {
        var configuration = Environment.GetEnvironmentVariable("SESSIONS_REDIS");
        Assert.SkipWhen(string.IsNullOrWhiteSpace(configuration), "SESSIONS_REDIS is not set: no Redis to take a lock on");
        using var connection = new RedisStoreConnection(ConfigurationOptions.Parse(configuration!));
        var storeLock = new RedisStoreLock(connection, $"dead-holder-{Guid.NewGuid():N}");
        var resource = SessionLocks.Resource(Guid.NewGuid().ToString("N"));
        var lease = TimeSpan.FromSeconds(1);

        // Taken and never given back, as by an instance that died holding it.
        await storeLock.AcquireAsync(resource, lease, Deadline(5), Ct);
        var clock = Stopwatch.StartNew();
        await storeLock.Invoking(l => l.AcquireAsync(resource, lease, Deadline(0.5), Ct)).Should().ThrowAsync<SessionBusyException>();

        await using (await storeLock.AcquireAsync(resource, lease, Deadline(5), Ct))
        {
            clock.Elapsed.Should().BeLessThan(lease + TimeSpan.FromSeconds(1), "the key expires when the lease ends");
        }
    }

    private static LockDeadline Deadline(double seconds) => LockDeadline.Start(TimeProvider.System, TimeSpan.FromSeconds(seconds));
}
