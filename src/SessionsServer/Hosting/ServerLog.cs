namespace SessionsServer.Hosting;

/// <summary>The server's own log lines; event ids are stable so operators can filter on them.</summary>
internal static partial class ServerLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Sessions Demo Server listening on https://127.0.0.1:{Port} with store {Store}")]
    public static partial void Listening(ILogger logger, int port, string store);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "TLS certificate {Kind}, SHA-256 {Thumbprint} (pin this in clients)")]
    public static partial void Certificate(ILogger logger, string kind, string thumbprint);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "Session options: cookie {CookieName}, idle timeout {IdleTimeout}, I/O timeout {IOTimeout}")]
    public static partial void SessionOptions(ILogger logger, string cookieName, TimeSpan idleTimeout, TimeSpan ioTimeout);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Profile {Profile}: IDistributedCache {DistributedCache}, ISession {Session}")]
    public static partial void Stack(ILogger logger, string profile, string distributedCache, string session);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Session table {Table} is ready (Sessions:CreateTable)")]
    public static partial void TableReady(ILogger logger, string table);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Session table {Table} could not be created at start ({Reason}); starting anyway")]
    public static partial void TableNotCreated(ILogger logger, string table, string reason);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "The data-protection key ring beside the {Store} sessions is stored unencrypted: whoever can read it can forge a Kr.Session cookie for any stored session. Set Sessions:KeyRingCertificate to encrypt it at rest")]
    public static partial void KeyRingUnencrypted(ILogger logger, string store);

    [LoggerMessage(EventId = 8, Level = LogLevel.Information, Message = "The data-protection key ring is encrypted at rest with the certificate SHA-256 {Thumbprint} (Sessions:KeyRingCertificate)")]
    public static partial void KeyRingEncrypted(ILogger logger, string thumbprint);

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "Session store {Store} is unavailable for {Path}: {Reason}")]
    public static partial void StoreUnavailable(ILogger logger, string store, string path, string reason);

    [LoggerMessage(EventId = 13, Level = LogLevel.Warning, Message = "Session write refused for {Path}: the {Store} session changed after the request read it; answered 409")]
    public static partial void SessionChanged(ILogger logger, string store, string path);

    [LoggerMessage(EventId = 20, Level = LogLevel.Error, Message = "Session store {Store} is misconfigured, refusing {Path}: {Reason}")]
    public static partial void StoreMisconfigured(ILogger logger, string store, string path, string reason);

    [LoggerMessage(EventId = 12, Level = LogLevel.Debug, Message = "Store {Store} {Operation} failed after {ElapsedMs} ms")]
    public static partial void StoreCallFailed(ILogger logger, string store, string operation, long elapsedMs, Exception exception);
}
