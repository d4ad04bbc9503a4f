using Sessions.Testing.Inspection;

namespace Sessions.Specs.Support.Targets;

/// <summary>
/// The server one target's scenarios talk to. It is the value of a runner target, so step classes get it by
/// constructor injection; it starts (or checks) the server on first use, once, however many scenarios ask at once.
/// </summary>
public abstract class ServerUnderTest(string name) : IAsyncDisposable
{
    public string Name { get; } = name;

    /// <summary>The store the health check must name; null when the suite cannot know it (black-box).</summary>
    public abstract string? ExpectedStoreName { get; }

    /// <summary>What actually served this target (e.g. the engine's version line), once known; for the report.</summary>
    public abstract string? Description { get; }

    /// <summary>True when something was started, so there is something to describe and clean up.</summary>
    public abstract bool WasStarted { get; }

    /// <summary>Starts the server on the first call; every later call gets the same endpoint or the same failure.</summary>
    public abstract Task<ServerEndpoint> ConnectAsync(CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();
}

/// <summary>How to reach a started server, and a view into its store when the suite hosts it.</summary>
/// <param name="Store">Null when the suite cannot see the store (black-box, or the in-process memory store).</param>
public sealed record ServerEndpoint(Uri BaseAddress, string? PinnedSha256, bool Insecure, StoreView? Store);
