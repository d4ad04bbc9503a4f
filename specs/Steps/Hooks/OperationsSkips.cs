using Reqnroll;
using Sessions.Specs.Support.Scenario;
using Sessions.Specs.Support.Faults;
using Sessions.Testing.Faults;
using Sessions.Specs.Support.Instances;

namespace Sessions.Specs.Steps.Hooks;

/// <summary>
/// Skips, with their reasons, the beyond-the-tutorial scenarios a store cannot mean anything for: shared state needs
/// a store outside the server process, an outage needs a connection to cut, a missing table needs a table.
/// </summary>
[Binding]
public sealed class OperationsSkips(ScenarioStore store, CurrentScenario scenario)
{
    [BeforeScenario("multi-instance", "restart", "outage", "slow-store", "missing-table", "key-ring", "refused-writes", "overlapping-requests", "store-login", "first-start", Order = 0)]
    public void NeedsInstancesOfTheirOwn()
    {
        if (store.CannotProvisionReason is { } reason)
        {
            scenario.Skip(reason);
        }
    }

    [BeforeScenario("multi-instance", "restart", "first-start", Order = 1)]
    public void NeedsSharedState()
    {
        if (store.Name == "memory")
        {
            scenario.Skip("the memory store lives inside one server process: no second instance or restarted server can see its sessions");
        }
    }

    [BeforeScenario("outage", "slow-store", Order = 1)]
    public void NeedsAConnection()
    {
        if (ProxiedStore.CannotCutReason(store.Name) is { } reason)
        {
            scenario.Skip(reason);
        }
    }

    [BeforeScenario("tutorial-outage", Order = 2)]
    public void NeedsADeterministicReconnect()
    {
        if (store.Name == "redis")
        {
            scenario.Skip("the Redis client reconnects in the background after an outage: whether the first request after the store returns still finds no session depends on that timing, so on redis this would state a race, not a behaviour");
        }
    }

    [BeforeScenario("missing-table", Order = 1)]
    public void NeedsATable()
    {
        if (store.Name is "memory" or "redis")
        {
            scenario.Skip($"the {store.Name} store has no table to be missing: keys are created as sessions are written");
        }
    }

    // Where an empty database's first missing table is: the key-ring table beside the sessions, or no table at all
    // (the key ring is a folder), which changes what the stock stack answers.
    [BeforeScenario("key-ring-in-table", Order = 2)]
    public void NeedsAKeyRingTable()
    {
        if (store.Name is not ("sqlserver" or "postgres"))
        {
            scenario.Skip($"the {store.Name} store keeps its key ring outside any table; its own scenario covers it");
        }
    }

    [BeforeScenario("key-ring-in-folder", Order = 2)]
    public void NeedsAKeyRingFolder()
    {
        if (store.Name is not "sqlite")
        {
            scenario.Skip($"the {store.Name} store keeps its key ring in a table (or has no table to miss); its own scenario covers it");
        }
    }

    // Only the relational servers ask for a password a scenario can get wrong and have rights a login can lack.
    [BeforeScenario("store-login", Order = 1)]
    public void NeedsALogin()
    {
        if (store.Name is not ("sqlserver" or "postgres"))
        {
            scenario.Skip($"the suite's {store.Name} store has no login of its own to refuse (memory and sqlite have none; the test Redis has only its password-less default user)");
        }
    }

    [BeforeScenario("refused-writes", Order = 1)]
    public void NeedsATableToRefuseWrites()
    {
        if (RefusedWrites.CannotRefuseReason(store.Name) is { } reason)
        {
            scenario.Skip(reason);
        }
    }
}
