using Reqnroll;
using Sessions.Specs.Support.Faults;
using Sessions.Specs.Support.Instances;

namespace Sessions.Specs.Steps.Hooks;

/// <summary>
/// Ends what a scenario started, in order: its server instances, then its fault proxies, then its own databases,
/// files and logins. Reqnroll's container disposes only IDisposable objects, not these asynchronous ones, so without
/// this hook every scenario's instances kept running until the test process ended and its databases and logins were
/// never dropped (235 were found left on the test PostgreSQL).
/// </summary>
[Binding]
public sealed class ScenarioCleanup(ServerInstances instances, StoreFaults faults, ScenarioStore store)
{
    [AfterScenario(Order = int.MaxValue)]
    public async Task EndWhatTheScenarioStarted()
    {
        try
        {
            await instances.DisposeAsync();
            await faults.DisposeAsync();
        }
        finally
        {
            await store.DisposeAsync();
        }
    }
}
