using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Distributed;

namespace SessionsServer.Sessions;

/// <summary>
/// An <see cref="ISession"/> that costs one store round trip to read and one to write. The stock
/// <c>DistributedSession</c> refreshes after a read that already slid the expiry, and reads once more before
/// a write only to log "session started"; this one does neither, and a brand-new session key is never looked
/// up at all. Failures are never swallowed: they reach the caller, which answers 503.
/// The bytes are the stock layout (<see cref="SessionSerializer"/>), so both kinds of server share rows.
/// </summary>
internal sealed class LoadOnceSession(
    IDistributedCache cache,
    string sessionKey,
    TimeSpan idleTimeout,
    TimeSpan ioTimeout,
    Func<bool> tryEstablishSession,
    bool isNewSessionKey,
    ILogger logger) : ISession
{
    private Dictionary<string, byte[]> _entries = new(StringComparer.Ordinal);
    private byte[]? _sessionId;
    private bool _loaded;
    private bool _modified;

    public bool IsAvailable
    {
        get
        {
            Load();
            return true;
        }
    }

    public string Id
    {
        get
        {
            Load();
            _sessionId ??= RandomNumberGenerator.GetBytes(SessionSerializer.IdByteCount);
            return new Guid(_sessionId).ToString();
        }
    }

    public IEnumerable<string> Keys
    {
        get
        {
            Load();
            return _entries.Keys.ToArray();
        }
    }

    public async Task LoadAsync(CancellationToken cancellationToken = default)
    {
        if (_loaded)
        {
            return;
        }

        // A key the middleware just made cannot be in the store yet: no round trip.
        var data = isNewSessionKey ? null : await WithTimeout(ct => cache.GetAsync(sessionKey, ct), cancellationToken);
        Accept(data);
    }

    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        // Unmodified: the read that loaded the session already slid its expiry, so there is nothing to send.
        if (!_modified)
        {
            return;
        }

        var bytes = SessionSerializer.Serialize(SessionIdBytes(), _entries);
        var options = new DistributedCacheEntryOptions { SlidingExpiration = idleTimeout };

        // One attempt per request: after a failure the caller answers 503, and a second try from the
        // middleware's own commit would only keep the client waiting another I/O timeout.
        _modified = false;
        await WithTimeout(async ct => { await cache.SetAsync(sessionKey, bytes, options, ct); return true; }, cancellationToken);
        if (logger.IsEnabled(LogLevel.Debug))
        {
            SessionLog.Stored(logger, Id, _entries.Count, bytes.Length);
        }
    }

    public bool TryGetValue(string key, [NotNullWhen(true)] out byte[]? value)
    {
        Load();
        return _entries.TryGetValue(key, out value);
    }

    public void Set(string key, byte[] value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        if (Encoding.UTF8.GetByteCount(key) > SessionSerializer.KeyByteLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(key), $"A session key is at most {SessionSerializer.KeyByteLimit} bytes of UTF-8.");
        }

        Load();
        Establish();
        _entries[key] = (byte[])value.Clone();
        _modified = true;
    }

    public void Remove(string key)
    {
        Load();
        _modified |= _entries.Remove(key);
    }

    public void Clear()
    {
        Load();
        _modified |= _entries.Count > 0;
        _entries.Clear();
    }

    /// <summary>Synchronous first access (a route that skipped <see cref="LoadAsync"/>) still loads, but blocks.</summary>
    private void Load()
    {
        if (!_loaded)
        {
            LoadAsync().GetAwaiter().GetResult();
        }
    }

    private void Accept(byte[]? data)
    {
        _loaded = true;
        if (data is null)
        {
            if (!isNewSessionKey)
            {
                SessionLog.Expired(logger);
            }

            return;
        }

        try
        {
            if (SessionSerializer.Deserialize(data) is { } session)
            {
                (_sessionId, _entries) = session;

                // Every request loads a session; the id is formatted for this Debug line only when someone reads it.
                if (logger.IsEnabled(LogLevel.Debug))
                {
                    SessionLog.Loaded(logger, Id, _entries.Count);
                }

                return;
            }

            SessionLog.Unreadable(logger, "unknown format revision");
        }
        catch (InvalidDataException ex)
        {
            SessionLog.Unreadable(logger, ex.Message);
        }

        // Replace what cannot be read, as the stock session does, rather than fail every request of this cookie.
        _modified = true;
    }

    private byte[] SessionIdBytes()
    {
        if (_sessionId is null)
        {
            _sessionId = RandomNumberGenerator.GetBytes(SessionSerializer.IdByteCount);
            SessionLog.Started(logger, new Guid(_sessionId).ToString());
        }

        return _sessionId;
    }

    private void Establish()
    {
        if (!_modified && !tryEstablishSession())
        {
            throw new InvalidOperationException("The session cannot be established after the response has started.");
        }
    }

    private async Task<T> WithTimeout<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ioTimeout);
        return await call(timeout.Token);
    }
}
