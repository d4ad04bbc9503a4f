namespace SessionsServer.Stores;

/// <summary>The session cache did not answer in time or refused the call; the request gets a 503 naming the store.</summary>
public sealed class SessionCacheUnavailableException(string store, string reason, Exception? innerException = null)
    : Exception($"Session store '{store}' is unavailable: {reason}", innerException)
{
    public string Store { get; } = store;

    public string Reason { get; } = reason;
}
