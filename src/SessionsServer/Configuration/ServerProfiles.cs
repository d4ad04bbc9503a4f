namespace SessionsServer.Configuration;

/// <summary>The values of <c>Sessions:Profile</c>: which stack serves the sessions.</summary>
public static class ServerProfiles
{
    /// <summary>What the tutorial configures: the official cache of the store and ASP.NET Core's <c>DistributedSession</c>.</summary>
    public const string Tutorial = "tutorial";

    /// <summary>The project's stack: <c>LoadOnceSession</c> over a guarded cache, key-ring checks, size limits.</summary>
    public const string Hardened = "hardened";

    /// <summary>In the order the README and the refusal line list them; the first is the default.</summary>
    public static readonly IReadOnlyList<string> Known = [Tutorial, Hardened];
}
