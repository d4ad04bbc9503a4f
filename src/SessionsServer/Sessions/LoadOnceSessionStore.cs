using Microsoft.AspNetCore.Session;
using Microsoft.Extensions.Caching.Distributed;

namespace SessionsServer.Sessions;

/// <summary>Hands the standard session middleware a <see cref="LoadOnceSession"/> for each request.</summary>
internal sealed class LoadOnceSessionStore(IDistributedCache cache, ILoggerFactory loggerFactory) : ISessionStore
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<LoadOnceSession>();

    public ISession Create(string sessionKey, TimeSpan idleTimeout, TimeSpan ioTimeout, Func<bool> tryEstablishSession, bool isNewSessionKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionKey);
        return new LoadOnceSession(cache, sessionKey, idleTimeout, ioTimeout, tryEstablishSession, isNewSessionKey, _logger);
    }
}
