namespace SessionsServer.KeyRing;

/// <summary>Log lines of the key ring kept beside the sessions; event ids are stable so operators can filter on them.</summary>
internal static partial class KeyRingLog
{
    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Another instance made the first data-protection key {KeyId} of the empty key ring meanwhile; using it instead of making one")]
    public static partial void KeyMadeMeanwhile(ILogger logger, Guid keyId);
}
