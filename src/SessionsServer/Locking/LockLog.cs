namespace SessionsServer.Locking;

/// <summary>Lock log lines; they never name the session (its key is a secret, and its digest would only correlate requests).</summary>
internal static partial class LockLog
{
    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Session lock not taken after {ElapsedMs} ms ({Why})")]
    public static partial void NotTaken(ILogger logger, long elapsedMs, string why);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "Session lock held for its whole lease (half the I/O timeout); released so the session's other requests can go on")]
    public static partial void LeaseExpired(ILogger logger);

    [LoggerMessage(EventId = 302, Level = LogLevel.Warning, Message = "Session lock release failed; the store frees it with the connection or at its expiry")]
    public static partial void ReleaseFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 303, Level = LogLevel.Information, Message = "Requests on one session are serialized with {Lock} (Sessions:SerializeRequests)")]
    public static partial void Serializing(ILogger logger, string @lock);
}
