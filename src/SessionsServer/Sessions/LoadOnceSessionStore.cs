using Microsoft.AspNetCore.Session;
using Microsoft.Extensions.Caching.Distributed;
using Sessions.Caching.Core;

namespace SessionsServer.Sessions;

/// <summary>Hands each request a <see cref="LoadOnceSession"/> (<see cref="SessionCookieMiddleware"/>, or any caller of <see cref="ISessionStore"/>).</summary>
internal sealed class LoadOnceSessionStore(IDistributedCache cache, ILoggerFactory loggerFactory) : ISessionStore
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<LoadOnceSession>();

    // The session's guard against late and overlapping writes is the cache's conditional write; a cache, or something
    // put around it, without one would drop that guard without a word, so the server does not start that way.
    private readonly IConditionalDistributedCache _cache = cache as IConditionalDistributedCache
        ?? throw new InvalidOperationException($"The hardened session needs an IDistributedCache with conditional writes ({nameof(IConditionalDistributedCache)}); {cache.GetType().FullName} has none.");

    public ISession Create(string sessionKey, TimeSpan idleTimeout, TimeSpan ioTimeout, Func<bool> tryEstablishSession, bool isNewSessionKey) =>
        Create(sessionKey, idleTimeout, ioTimeout, tryEstablishSession, isNewSessionKey, CancellationToken.None);

    /// <param name="leaseEnded">The request's session lock running out (<c>Sessions:SerializeRequests</c>), or none.</param>
    /// <param name="readForWrite">The request's route writes the session (<see cref="Routes.WritesSession"/>).</param>
    public LoadOnceSession Create(string sessionKey, TimeSpan idleTimeout, TimeSpan ioTimeout, Func<bool> tryEstablishSession, bool isNewSessionKey, CancellationToken leaseEnded, bool readForWrite = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionKey);
        return new LoadOnceSession(_cache, sessionKey, idleTimeout, ioTimeout, tryEstablishSession, isNewSessionKey, _logger, leaseEnded, readForWrite);
    }
}
