using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SessionsServer.Configuration;
using SessionsServer.Locking;

namespace SessionsServer.Health;

/// <summary>
/// With <c>Sessions:SerializeRequests</c> every request with a cookie takes the store's lock first, through its own
/// connection pool: a server that can read its table but not take a lock cannot serve a session. Taking one lock on a
/// probe name (never a session's) also opens that pool before the first request needs it.
/// </summary>
internal sealed class SessionLockHealthCheck(SessionLocks locks, IOptions<SessionsServerOptions> options) : IHealthCheck
{
    private const string ProbeKey = "healthz-probe";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!options.Value.SerializeRequests)
        {
            return HealthCheckResult.Healthy("requests are not serialized");
        }

        // Bounded by the lock's own deadline (the I/O timeout): a store that hangs answers SessionBusyException.
        var lease = await locks.AcquireAsync(ProbeKey, cancellationToken);
        await lease.DisposeAsync();
        return HealthCheckResult.Healthy();
    }
}
