namespace SessionsServer.Sessions;

/// <summary>
/// The session's write was refused because the store no longer held what this request read: another request on the
/// session wrote (or removed) it first. Nothing of this request's change was kept; the request answers 409.
/// </summary>
public sealed class SessionChangedException()
    : Exception("The session changed in the store after this request read it; this request's write was not applied.");
