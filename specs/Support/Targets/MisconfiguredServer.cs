using Sessions.Testing.Hosting;
namespace Sessions.Specs.Support.Targets;

/// <summary>A target the environment asked for but named wrongly: its scenarios fail with the reason, never skip.</summary>
public sealed class MisconfiguredServer(string name, string problem) : ServerUnderTest(name)
{
    public override string? ExpectedStoreName => null;

    public override string? Description => null;

    public override bool WasStarted => false;

    public override Task<ServerEndpoint> ConnectAsync(CancellationToken cancellationToken) => throw new ServerStartException(problem);

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
