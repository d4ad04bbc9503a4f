using Microsoft.AspNetCore.Session;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Options;
using SessionsServer.Configuration;
using SessionsServer.Stores;

namespace SessionsServer.Profiles;

/// <summary>
/// What actually serves sessions in this server, read from its container rather than from the settings, so the
/// start-up log and the test reports cannot mistake one stack for the other.
/// </summary>
/// <param name="DistributedCache">The store's cache (innermost, e.g. the official <c>SqlServerCache</c>).</param>
/// <param name="CacheGuard">What wraps that cache, or null when the session talks to it directly.</param>
/// <param name="Session">The <see cref="ISession"/> each request gets.</param>
public sealed record ServerStack(string Profile, string Store, Type DistributedCache, Type? CacheGuard, Type Session)
{
    public string DistributedCacheName => CacheGuard is null
        ? DistributedCache.FullName!
        : $"{CacheGuard.FullName} over {DistributedCache.FullName}";

    public override string ToString() => $"Profile {Profile}: IDistributedCache {DistributedCacheName}, ISession {Session.FullName}";

    internal static ServerStack Resolve(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<SessionsServerOptions>>().Value;
        var cache = services.GetRequiredService<IDistributedCache>();
        var (inner, guard) = cache is GuardedDistributedCache guarded ? (guarded.Inner.GetType(), cache.GetType()) : (cache.GetType(), null);

        // Creating a session touches no store: both kinds load on first use.
        var session = services.GetRequiredService<ISessionStore>()
            .Create("server-stack-probe", options.IdleTimeout, options.IOTimeout, () => false, isNewSessionKey: true);
        return new ServerStack(options.NormalizedProfile, options.NormalizedStore, inner, guard, session.GetType());
    }
}
