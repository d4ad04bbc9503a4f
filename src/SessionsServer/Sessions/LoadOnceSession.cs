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
/// Unlike the stock session it can move to a new key (login) and end (logout), removing what its old key stored.
/// On a cache with conditional writes (the hardened profile's, every store) each write and removal applies only if the
/// store still holds exactly the bytes this request read, so a write the store's client completes after the request
/// gave up (503) changes nothing over a newer one, and of two overlapping requests the second to write is refused
/// (<see cref="SessionChangedException"/>, 409) instead of silently overwriting the first.
/// </summary>
/// <param name="leaseEnded">Fires when the request's session lock runs out: no store call may go on after that.</param>
/// <param name="readForWrite">
/// The request is expected to write the session (its route says so): the load reads without sliding where the store
/// can, since the write sets a fresh expiry anyway; if no write comes after all, the commit slides instead.
/// </param>
internal sealed class LoadOnceSession(
    IDistributedCache cache,
    string sessionKey,
    TimeSpan idleTimeout,
    TimeSpan ioTimeout,
    Func<bool> tryEstablishSession,
    bool isNewSessionKey,
    ILogger logger,
    CancellationToken leaseEnded = default,
    bool readForWrite = false) : ISession
{
    private readonly SessionStoreCalls _store = new(cache, ioTimeout, leaseEnded, readForWrite);
    private Dictionary<string, byte[]> _entries = new(StringComparer.Ordinal);
    private string _sessionKey = sessionKey;

    // What the store held under the current key when this request read it (null: nothing live), as the raw bytes:
    // the condition of this request's next write.
    private byte[]? _read;
    private string? _retiredKey;
    private byte[]? _retiredRead;
    private byte[]? _sessionId;
    private bool _loaded;
    private bool _modified;
    private bool _stored = !isNewSessionKey;
    private bool _ended;
    // The load read without sliding: the session's expiry still has to move before this request is done.
    private bool _slideOwed;

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
        var data = isNewSessionKey ? null : await _store.ReadAsync(_sessionKey, cancellationToken);
        _slideOwed = _store.ReadsWithoutSlide && data is not null;
        Accept(data);
    }

    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        // Unmodified: the read that loaded the session already slid its expiry, so there is nothing to send, unless it
        // was a read without the slide for a write that did not come (a refused or oversized value).
        if (!_modified)
        {
            if (_slideOwed && !_ended)
            {
                _slideOwed = false;
                await _store.RefreshAsync(_sessionKey, cancellationToken);
            }

            return;
        }

        // The write sets a fresh expiry, or the session goes.
        _slideOwed = false;

        // One attempt per request: after a failure the caller answers 503, and a second try from the
        // middleware's own commit would only keep the client waiting another I/O timeout.
        _modified = false;
        if (_ended)
        {
            if (!await _store.RemoveAsync(_sessionKey, _read, cancellationToken))
            {
                throw new SessionChangedException();
            }

            _read = null;
            SessionLog.Ended(logger);
            return;
        }

        var bytes = SessionSerializer.Serialize(SessionIdBytes(), _entries);
        var options = new DistributedCacheEntryOptions { SlidingExpiration = idleTimeout };
        if (!await _store.WriteAsync(_sessionKey, _read, bytes, options, cancellationToken))
        {
            throw new SessionChangedException();
        }

        _read = bytes;
        _stored = true;
        if (logger.IsEnabled(LogLevel.Debug))
        {
            SessionLog.Stored(logger, Id, _entries.Count, bytes.Length);
        }

        // Written under the new key first: if this removal fails, the old key still reads only what it read before.
        if (_retiredKey is { } retired)
        {
            _retiredKey = null;
            if (!await _store.RemoveAsync(retired, _retiredRead, cancellationToken))
            {
                // Another request changed the session under its old key meanwhile, so the move is refused (409) and
                // the answer sends no new cookie: the copy under the new key would only sit there until idle expiry.
                // The store has just answered, so this costs one round trip, not a second timeout.
                await _store.RemoveAsync(_sessionKey, bytes, cancellationToken);
                throw new SessionChangedException();
            }

            SessionLog.KeyRenewed(logger, Id);
        }
    }

    /// <summary>
    /// Moves the session to <paramref name="newKey"/> at the next commit, and removes what the old key stored, so a
    /// key someone learnt before (a planted cookie, session fixation) reads nothing afterwards.
    /// </summary>
    public void RenewKey(string newKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(newKey);
        Load();
        if (_stored && _retiredKey is null)
        {
            _retiredKey = _sessionKey;
            _retiredRead = _read;
        }

        // A key nobody has used: its write expects nothing there.
        _read = null;
        _sessionKey = newKey;
        _stored = false;
        _modified = true;
    }

    /// <summary>Empties the session and, at the next commit, removes it from the store instead of writing it.</summary>
    public void End()
    {
        Load();
        _entries.Clear();
        _ended = true;
        _modified = _stored;
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
        _ended = false;
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
        _read = data;
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
}
