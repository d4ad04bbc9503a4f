using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SessionsServer.Configuration;

namespace SessionsServer.Health;

/// <summary>
/// The key ring that protects the session cookie can be read: without it no request with a cookie, and no new session,
/// can be served, so a server whose session table answers is still unhealthy (a missing key table, an unreadable ring).
/// </summary>
internal sealed class KeyRingHealthCheck(IDataProtectionProvider protection, IOptions<SessionsServerOptions> options) : IHealthCheck
{
    private readonly IDataProtector _probe = protection.CreateProtector("SessionsServer.HealthProbe");

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // Data protection reads the ring synchronously; off the request thread and bounded like a store call.
        await Task.Run(() => _probe.Protect([1]), cancellationToken).WaitAsync(options.Value.IOTimeout, cancellationToken);
        return HealthCheckResult.Healthy();
    }
}
