using Reqnroll;
using Sessions.Specs.Support.Faults;
using Sessions.Specs.Support.Instances;
using Sessions.Specs.Support.Scenario;

namespace Sessions.Specs.Steps.Operations;

/// <summary>
/// A session write held inside an instance's store client, beneath the I/O-timeout guard, and completed later with
/// no cancellation, as a client that ignores it does (<see cref="DriverWriteGate"/>); or a real StackExchange.Redis
/// command held by the fault proxy and sent on once the store is back.
/// </summary>
[Binding]
public sealed class LateWriteSteps(ScenarioStore store, ServerInstances instances, StoreFaults faults, CurrentScenario scenario)
{
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(30);

    // Instances of the scenario's own are started in process: a server under test elsewhere cannot be reached into.
    [BeforeScenario("late-writes", Order = 0)]
    public void NeedsInstancesOfTheirOwn()
    {
        if (store.CannotProvisionReason is { } reason)
        {
            scenario.Skip(reason);
        }
    }

    // Only StackExchange.Redis keeps a command it has sent and delivers it whenever the connection lets it through. Npgsql
    // and SqlClient cancel or drop the connection instead, and whether the held bytes then still run is a race.
    [BeforeScenario("redis-backlog", Order = 1)]
    public void NeedsRedis()
    {
        if (store.Name != "redis")
        {
            scenario.Skip($"the {store.Name} store's client does not keep a timed-out command to send later, so there is no real late write to hold; the scenarios with a gate inside the store client cover this store");
        }
    }

    /// <summary>Waits until the store has run what the proxy held back (its answer came), so what it wrote is final.</summary>
    [When("the store is back and has answered what it was sent meanwhile")]
    public async Task BackAndAnswered()
    {
        var proxy = faults.Proxied.Proxy;
        proxy.Restore();
        await proxy.HeldRequestAnswered.WaitAsync(LongestWait, scenario.CancellationToken);
    }

    [Given("instance {string} will hold its next session write inside the store's client")]
    public void WillHold(string name) => instances.GateOf(name).InClient.HoldNext();

    [Then("instance {string} holds that write inside the store's client")]
    public async Task Holds(string name)
    {
        var reached = instances.GateOf(name).InClient.Reached;
        if (await Task.WhenAny(reached, Task.Delay(LongestWait, scenario.CancellationToken)) != reached)
        {
            throw new InvalidOperationException($"No session write reached the store client of instance \"{name}\" within {LongestWait.TotalSeconds} s.");
        }
    }

    /// <summary>Waits until the store client has finished the write, so what the store holds afterwards is final.</summary>
    [When("instance {string} lets the held write finish, ignoring the request's cancellation")]
    public async Task LetsFinish(string name)
    {
        var gate = instances.GateOf(name).InClient;
        gate.Release();
        var outcome = await gate.Finished.WaitAsync(LongestWait, scenario.CancellationToken);
        scenario.Attach($"the write held in instance \"{name}\"'s store client, let go without cancellation: {outcome}");
    }
}
