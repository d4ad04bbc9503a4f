using FluentAssertions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SessionsServer.Configuration;
using SessionsServer.Health;
using SessionsServer.Locking;
using Xunit;

namespace SessionsServer.Tests.Health;

/// <summary>Readiness with serialized requests: the store's lock is taken and given back, or the probe fails.</summary>
public sealed class SessionLockHealthCheckTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static SessionLockHealthCheck Check(IStoreLock storeLock, bool serialize) => new(
        new SessionLocks(storeLock, TimeSpan.FromSeconds(2), TimeProvider.System, NullLogger<SessionLocks>.Instance),
        Options.Create(new SessionsServerOptions { SerializeRequests = serialize }));

    [Fact]
    public async Task Takes_and_releases_one_store_lock_on_a_name_that_is_no_sessions()
    {
        var storeLock = new RecordingLock();
        var result = await Check(storeLock, serialize: true).CheckHealthAsync(new HealthCheckContext(), Ct);

        result.Status.Should().Be(HealthStatus.Healthy);
        storeLock.Taken.Should().ContainSingle().Which.Should().Be(SessionLocks.Resource("healthz-probe"));
        storeLock.Released.Should().Be(1);
    }

    [Fact]
    public async Task A_lock_the_store_cannot_give_fails_the_probe()
    {
        var check = Check(new RecordingLock(fail: true), serialize: true);
        await check.Invoking(c => c.CheckHealthAsync(new HealthCheckContext(), Ct)).Should().ThrowAsync<SessionBusyException>();
    }

    [Fact]
    public async Task Without_serialization_no_lock_is_taken()
    {
        var storeLock = new RecordingLock(fail: true);
        var result = await Check(storeLock, serialize: false).CheckHealthAsync(new HealthCheckContext(), Ct);

        result.Status.Should().Be(HealthStatus.Healthy);
        storeLock.Taken.Should().BeEmpty();
    }

    private sealed class RecordingLock(bool fail = false) : IStoreLock
    {
        public List<string> Taken { get; } = [];

        public int Released { get; private set; }

        public Task<IAsyncDisposable> AcquireAsync(string resource, TimeSpan lease, LockDeadline deadline, CancellationToken cancellationToken)
        {
            Taken.Add(resource);
            return fail ? Task.FromException<IAsyncDisposable>(deadline.Busy()) : Task.FromResult<IAsyncDisposable>(new Release(this));
        }

        private sealed class Release(RecordingLock owner) : IAsyncDisposable
        {
            public ValueTask DisposeAsync()
            {
                owner.Released++;
                return ValueTask.CompletedTask;
            }
        }
    }
}
