using Sessions.Testing.Hosting;
using Sessions.Testing.Stores;

namespace Sessions.Specs.Support.Targets;

/// <summary>
/// The real server hosted in this process on one store, started by the first scenario that needs it and shared by
/// all of them (scenarios stay apart through their own cookie jars); disposed after the run.
/// </summary>
public sealed class InProcessServer : ServerUnderTest
{
    private readonly StoreProvisioner _store;
    private readonly Lazy<Task<ServerEndpoint>> _started;
    private SessionsServerHost? _host;

    /// <param name="name">The target's name: the store, with "-hardened" for the hardened profile.</param>
    /// <param name="profile">Sessions:Profile for every server of this target.</param>
    public InProcessServer(string name, StoreProvisioner store, string profile)
        : base(name)
    {
        _store = store;
        Profile = profile;
        // Not the caller's token: one scenario's cancellation must not fail the start every other scenario shares.
        _started = new(() => StartAsync(CancellationToken.None), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public StoreProvisioner Store => _store;

    public string Profile { get; }

    public override string? ExpectedStoreName => _store.Name;

    public override string? Description => _host is null
        ? null
        : $"{Name}: in-process server on {_host.BaseAddress}{(_store.Engine is { } engine ? $", {engine}" : "")}; {_host.Stack}";

    public override bool WasStarted => _started.IsValueCreated;

    public override Task<ServerEndpoint> ConnectAsync(CancellationToken cancellationToken) => _started.Value.WaitAsync(cancellationToken);

    private async Task<ServerEndpoint> StartAsync(CancellationToken cancellationToken)
    {
        var settings = WithProfile(await _store.PrepareAsync(cancellationToken));
        _host = await SessionsServerHost.StartAsync(settings);
        // The product's own provisioning, run once before scenarios race to be first on an empty database.
        if (_host.SessionTable is { } table)
        {
            await table.CreateTableAsync(cancellationToken);
        }

        return new ServerEndpoint(_host.BaseAddress, _host.CertificateSha256, Insecure: false, _store.CreateView(_host));
    }

    /// <summary>The settings with this target's profile added, for every server a scenario starts on it.</summary>
    public IReadOnlyDictionary<string, string?> WithProfile(IReadOnlyDictionary<string, string?> settings) =>
        new Dictionary<string, string?>(settings) { ["Sessions:Profile"] = Profile };

    public override async ValueTask DisposeAsync()
    {
        try
        {
            if (_host is not null)
            {
                await _host.DisposeAsync();
            }
        }
        finally
        {
            await _store.DisposeAsync();
        }
    }
}
