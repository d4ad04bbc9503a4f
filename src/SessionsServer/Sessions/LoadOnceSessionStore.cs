using Microsoft.AspNetCore.Session;
using Microsoft.Extensions.Caching.Distributed;

namespace SessionsServer.Sessions;

/// <summary>Hands each request a <see cref="LoadOnceSession"/> (<see cref="SessionCookieMiddleware"/>, or any caller of <see cref="ISessionStore"/>).</summary>
internal sealed class LoadOnceSessionStore(IDistributedCache cache, ILoggerFactory loggerFactory) : ISessionStore
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<LoadOnceSession>();

    public ISession Create(string sessionKey, TimeSpan idleTimeout, TimeSpan ioTimeout, Func<bool> tryEstablishSession, bool isNewSessionKey) =>
        Create(sessionKey, idleTimeout, ioTimeout, tryEstablishSession, isNewSessionKey, CancellationToken.None);

    /// <param name="leaseEnded">The request's session lock running out (<c>Sessions:SerializeRequests</c>), or none.</param>
    public LoadOnceSession Create(string sessionKey, TimeSpan idleTimeout, TimeSpan ioTimeout, Func<bool> tryEstablishSession, bool isNewSessionKey, CancellationToken leaseEnded)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionKey);
        return new LoadOnceSession(cache, sessionKey, idleTimeout, ioTimeout, tryEstablishSession, isNewSessionKey, _logger, leaseEnded);
    }
}
