using Microsoft.AspNetCore.TestHost;
using Sessions.Specs.Support.Scenario;
using Sessions.Testing.Hosting;
using Sessions.Specs.Support.Http;
using Sessions.Specs.Support.Targets;
using Sessions.Testing.Http;

namespace Sessions.Specs.Support.Instances;

/// <summary>
/// The server instances one scenario runs, by name ("A", "B"), each a real in-process server on a port of its own.
/// "the server" is the target's shared server; named instances are started, stopped and restarted at will and are
/// stopped when the scenario ends.
/// </summary>
public sealed class ServerInstances(ServerUnderTest target, CurrentScenario scenario) : IAsyncDisposable
{
    public const string SharedServer = "the server";

    private static readonly TimeSpan ReadinessWait = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(200);

    private readonly Dictionary<string, Instance> _instances = new(StringComparer.Ordinal);
    private SessionClient? _shared;

    private sealed record Instance(SessionsServerHost Host, SessionClient Client, IReadOnlyDictionary<string, string?> Settings, WriteGate Gate);

    public async Task StartAsync(string name, IReadOnlyDictionary<string, string?> settings)
    {
        if (_instances.ContainsKey(name))
        {
            throw new InvalidOperationException($"Instance \"{name}\" is already running.");
        }

        _instances[name] = await LaunchAsync(settings);
        scenario.Attach($"instance \"{name}\" on {_instances[name].Host.BaseAddress}: {Describe(settings)}");
    }

    /// <summary>
    /// Starts the instance and waits, as a load balancer's readiness probe does, until its /healthz answers 200: the
    /// scenario then begins with an instance that has made or read its first key and opened its store, not with one
    /// whose first request also pays for that (on Babelfish, under a full run's load, more than a 2 s I/O timeout).
    /// </summary>
    public async Task StartReadyAsync(string name, IReadOnlyDictionary<string, string?> settings)
    {
        await StartAsync(name, settings);
        var client = Get(name).Client;
        var deadline = DateTime.UtcNow + ReadinessWait;
        while (true)
        {
            var probe = await client.GetAsync("/healthz", sendCookies: false, cancellationToken: scenario.CancellationToken);
            if (probe.StatusCode == 200)
            {
                return;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new InvalidOperationException($"Instance \"{name}\" was not ready within {ReadinessWait.TotalSeconds} s; its last readiness probe:\n{probe}");
            }

            // A probe interval, as a load balancer has; what is asserted is the 200 above.
            await Task.Delay(ProbeInterval, scenario.CancellationToken);
        }
    }

    /// <summary>Several instances started at the same moment on the same settings, as a deployment rolls out.</summary>
    public async Task StartTogetherAsync(IReadOnlyList<string> names, IReadOnlyDictionary<string, string?> settings)
    {
        if (names.FirstOrDefault(_instances.ContainsKey) is { } running)
        {
            throw new InvalidOperationException($"Instance \"{running}\" is already running.");
        }

        // StartServer is synchronous: without Task.Run each start would run to the end before the next one began.
        var launches = names.Select(_ => Task.Run(() => LaunchAsync(settings))).ToList();
        try
        {
            await Task.WhenAll(launches);
        }
        catch
        {
            foreach (var launch in launches.Where(launch => launch.IsCompletedSuccessfully))
            {
                await EndAsync(launch.Result);
            }

            throw;
        }

        foreach (var (name, instance) in names.Zip(launches.Select(launch => launch.Result)))
        {
            _instances[name] = instance;
            scenario.Attach($"instance \"{name}\" on {instance.Host.BaseAddress}, started with the others: {Describe(settings)}");
        }
    }

    private static async Task<Instance> LaunchAsync(IReadOnlyDictionary<string, string?> settings)
    {
        // Every named instance gets a gate around its session store, open until a scenario arms it.
        var gate = new WriteGate();
        var host = await SessionsServerHost.StartAsync(settings, builder => builder.ConfigureTestServices(services => CacheDecoration.Install(services, gate.Around)));
        return new Instance(host, new SessionClient(host.BaseAddress, host.CertificateSha256), settings, gate);
    }

    /// <summary>The instance's services, for a step that works on what the server holds (its key ring).</summary>
    public IServiceProvider ServicesOf(string name) => Get(name).Host.Services;

    /// <summary>The gate around the instance's session writes (<see cref="WriteGate"/>).</summary>
    public WriteGate GateOf(string name) => Get(name).Gate;

    /// <summary>The settings an instance was started with, e.g. to start another one just like it.</summary>
    public IReadOnlyDictionary<string, string?> SettingsOf(string name) => Get(name).Settings;

    /// <summary>Stops the instance as a process exit would: its port closes and its memory is gone.</summary>
    public async Task StopAsync(string name)
    {
        var instance = Get(name);
        _instances.Remove(name);
        await EndAsync(instance);
    }

    private static async Task EndAsync(Instance instance)
    {
        instance.Client.Dispose();
        await instance.Gate.DisposeAsync();
        await instance.Host.DisposeAsync();
    }

    /// <summary>Stops the instance and starts a new one with the same settings, changed as given (on a new port, as after a reboot).</summary>
    public async Task RestartAsync(string name, IReadOnlyDictionary<string, string?>? changes = null)
    {
        var settings = new Dictionary<string, string?>(Get(name).Settings);
        foreach (var (key, value) in changes ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        await StopAsync(name);
        await StartAsync(name, settings);
    }

    public async Task<SessionClient> ClientAsync(string name, CancellationToken cancellationToken)
    {
        if (name != SharedServer)
        {
            return Get(name).Client;
        }

        if (_shared is null)
        {
            var endpoint = await target.ConnectAsync(cancellationToken);
            _shared = new SessionClient(endpoint.BaseAddress, endpoint.PinnedSha256, endpoint.Insecure);
        }

        return _shared;
    }

    private Instance Get(string name) => _instances.TryGetValue(name, out var instance)
        ? instance
        : throw new InvalidOperationException($"No instance \"{name}\" is running in this scenario; start it in a Given step.");

    // Connection strings may hold passwords: the report shows which settings were given, never their values.
    private static string Describe(IReadOnlyDictionary<string, string?> settings) => string.Join(", ", settings.Select(s =>
        s.Key.StartsWith("ConnectionStrings:", StringComparison.Ordinal) ? $"{s.Key}=(set)" : $"{s.Key}={s.Value}"));

    public async ValueTask DisposeAsync()
    {
        _shared?.Dispose();
        foreach (var name in _instances.Keys.ToList())
        {
            await StopAsync(name);
        }
    }
}
