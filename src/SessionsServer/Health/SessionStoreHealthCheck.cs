using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SessionsServer.Configuration;

namespace SessionsServer.Health;

/// <summary>The session table (or Redis, or memory) answers a read: one round trip for a key that is never written.</summary>
internal sealed class SessionStoreHealthCheck(IDistributedCache cache, IOptions<SessionsServerOptions> options) : IHealthCheck
{
    private const string ProbeKey = "healthz-probe";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // Bounded here too: in the tutorial profile nothing else bounds a cache call that never returns.
        await cache.GetAsync(ProbeKey, cancellationToken).WaitAsync(options.Value.IOTimeout, cancellationToken);
        return HealthCheckResult.Healthy();
    }
}
