namespace SessionsServer.Routes;

/// <summary>
/// Endpoint metadata: the route writes the session when it succeeds, so the hardened session may load it without
/// sliding its expiry (the write sets a fresh one) and save the store a write.
/// </summary>
public sealed class WritesSession
{
    public static readonly WritesSession Instance = new();

    private WritesSession()
    {
    }
}
