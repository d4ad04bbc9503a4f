namespace SessionsServer.Stores;

/// <summary>
/// The session cache did not answer in time or refused the call; the request gets a 503 naming the store. The reason
/// may quote the driver, so it is for the log; <see cref="StoreFailures"/> words what the client sees.
/// </summary>
public sealed class SessionCacheUnavailableException(string store, string reason, bool timedOut, Exception? innerException = null)
    : Exception($"Session store '{store}' is unavailable: {reason}", innerException)
{
    public string Store { get; } = store;

    public string Reason { get; } = reason;

    public bool TimedOut { get; } = timedOut;
}
