using Microsoft.Data.SqlClient;
using Reqnroll;
using Sessions.Specs.Support.Scenario;
using Sessions.Specs.Support.Faults;
using Sessions.Specs.Support.Instances;
using Sessions.Testing.Stores;

namespace Sessions.Specs.Steps.Operations;

/// <summary>Faults between one instance and its store: a proxy that cuts or slows it, a table that refuses writes.</summary>
[Binding]
public sealed class OutageSteps(ScenarioStore store, StoreFaults faults, ServerInstances instances, CurrentScenario scenario)
{
    [Given("instance {string} reaches the store through a fault proxy, with an I\\/O timeout of {int} second(s)")]
    public async Task RunsBehindAProxy(string name, int ioTimeoutSeconds)
    {
        var settings = new Dictionary<string, string?>(await store.SharedAsync(scenario.CancellationToken));
        var proxied = faults.Start(store.Name, settings["ConnectionStrings:Sessions"]!);
        settings["ConnectionStrings:Sessions"] = proxied.ConnectionString;
        settings["Sessions:IOTimeoutSeconds"] = ioTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (store.Name == "sqlserver")
        {
            // The proxy's port makes a pool of its own, cold. The instance stands for one that has run a while, as the
            // targets do: on Babelfish a new backend's first statements take most of a 2 s I/O timeout on a busy machine.
            var pool = Math.Min(8, new SqlConnectionStringBuilder(proxied.ConnectionString).MaxPoolSize);
            await SqlServerStore.WarmPoolAsync(proxied.ConnectionString, pool, scenario.CancellationToken);
        }

        await instances.StartReadyAsync(name, settings);
    }

    [When("the store is cut off")]
    public void Cut() => faults.Proxied.Proxy.Cut();

    [When("the store stops answering but keeps its connections open")]
    public void Hang() => faults.Proxied.Proxy.Blackhole();

    [When("the store is back")]
    public void Restore() => faults.Proxied.Proxy.Restore();

    [When("the store refuses every write to the session table of instance {string}")]
    public Task RefuseWrites(string name) =>
        RefusedWrites.InstallAsync(store.Name, instances.SettingsOf(name), scenario.CancellationToken);

    [When("the store answers {int} ms late")]
    public void Slow(int milliseconds) => faults.Proxied.Proxy.Delay(TimeSpan.FromMilliseconds(milliseconds));
}
