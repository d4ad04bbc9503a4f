namespace SessionsServer.Locking;

/// <summary>
/// Another request on the same session held its lock for the whole I/O timeout. The request answers 503: the
/// session is unchanged and the client may try again.
/// </summary>
public sealed class SessionBusyException(TimeSpan waited)
    : Exception($"The session's lock was not free within {waited.TotalSeconds:0.#} s.")
{
    public TimeSpan Waited { get; } = waited;
}
