namespace SessionsServer.Sessions;

/// <summary>What a route may do to the session as a whole in the hardened profile (a request feature).</summary>
internal interface ISessionLifecycle
{
    /// <summary>Login: the session moves to a new key, sent in a new cookie; the old key reads nothing afterwards.</summary>
    void RenewKey();

    /// <summary>Logout: the session is removed from the store and the response expires the cookie.</summary>
    void End();
}
