namespace SessionsServer.Sessions;

/// <summary>
/// Session log lines. They carry the session id (a random label), never the session key: the key is what the
/// cookie protects, and anyone who reads it from a log could take the session over.
/// </summary>
internal static partial class SessionLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Debug, Message = "Session loaded; Id:{SessionId}, Count:{Count}")]
    public static partial void Loaded(ILogger logger, string sessionId, int count);

    [LoggerMessage(EventId = 101, Level = LogLevel.Debug, Message = "Session cookie named a session the store no longer has (expired or cleared); starting a fresh one")]
    public static partial void Expired(ILogger logger);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Session started; Id:{SessionId}")]
    public static partial void Started(ILogger logger, string sessionId);

    [LoggerMessage(EventId = 103, Level = LogLevel.Debug, Message = "Session stored; Id:{SessionId}, Count:{Count}, Bytes:{Bytes}")]
    public static partial void Stored(ILogger logger, string sessionId, int count, int bytes);

    [LoggerMessage(EventId = 104, Level = LogLevel.Warning, Message = "Stored session data was unreadable ({Reason}); starting a fresh session")]
    public static partial void Unreadable(ILogger logger, string reason);

    [LoggerMessage(EventId = 105, Level = LogLevel.Information, Message = "Session moved to a new key; the old key's data is removed; Id:{SessionId}")]
    public static partial void KeyRenewed(ILogger logger, string sessionId);

    [LoggerMessage(EventId = 106, Level = LogLevel.Information, Message = "Session ended and removed from the store")]
    public static partial void Ended(ILogger logger);

    [LoggerMessage(EventId = 107, Level = LogLevel.Warning, Message = "Session cookie could not be unprotected (another key ring, or tampered); starting a fresh session")]
    public static partial void CookieUnreadable(ILogger logger);
}
