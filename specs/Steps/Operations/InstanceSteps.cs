using Reqnroll;
using Sessions.Specs.Support.Scenario;
using Sessions.Specs.Support.Instances;

namespace Sessions.Specs.Steps.Operations;

/// <summary>Extra server instances on the scenario's own store: several at once, with other key rings, restarted.</summary>
[Binding]
public sealed class InstanceSteps(ScenarioStore store, ServerInstances instances, CurrentScenario scenario)
{
    [Given("instance {string} runs on the scenario's own store")]
    public async Task RunsOnTheStore(string name) =>
        await instances.StartReadyAsync(name, await store.SharedAsync(scenario.CancellationToken));

    [Given("instance {string} runs on the same store with application name {string}")]
    public async Task RunsWithApplicationName(string name, string applicationName)
    {
        var settings = new Dictionary<string, string?>(await store.SharedAsync(scenario.CancellationToken))
        {
            ["Sessions:ApplicationName"] = applicationName,
        };
        await instances.StartAsync(name, settings);
    }

    [Given("instance {string} runs on an empty database and may not create the table")]
    public async Task RunsOnAnEmptyDatabase(string name) =>
        await instances.StartAsync(name, await store.EmptyWithoutTableAsync(scenario.CancellationToken));

    [Given("instances {string} and {string} start at once on a store no server has used yet, both allowed to create its tables")]
    public async Task StartTogether(string first, string second) =>
        await instances.StartTogetherAsync([first, second], await store.FirstUseAsync(scenario.CancellationToken));

    [Given("instance {string} runs with a key ring that is there but cannot be read")]
    public async Task RunsWithUnreadableKeyRing(string name) =>
        await instances.StartAsync(name, await store.WithUnreadableKeyRingAsync(scenario.CancellationToken));

    [Given("instance {string} runs on the scenario's own store with a wrong password")]
    public async Task RunsWithWrongPassword(string name) =>
        await instances.StartAsync(name, await store.WithWrongPasswordAsync(scenario.CancellationToken)
            ?? throw new InvalidOperationException($"the {store.Name} store has no password to get wrong; the scenario should have been skipped"));

    [Given("instance {string} runs on the same store under a login without rights on its tables")]
    public async Task RunsWithoutRights(string name) =>
        await instances.StartAsync(name, await store.WithLoginWithoutRightsAsync(scenario.CancellationToken)
            ?? throw new InvalidOperationException($"the {store.Name} store has no logins; the scenario should have been skipped"));

    [Given("instance {string} runs on a store of its own with application name {string}")]
    public Task RunsAlone(string name, string applicationName) =>
        instances.StartAsync(name, new Dictionary<string, string?>(store.IsolatedMemory()) { ["Sessions:ApplicationName"] = applicationName });

    [When("instance {string} starts with the same settings as instance {string}")]
    public Task StartsLike(string name, string model) => instances.StartAsync(name, instances.SettingsOf(model));

    [When("instance {string} is stopped and started again on the same store")]
    public Task Restart(string name) => instances.RestartAsync(name);

    [When("instance {string} is started again with {string} set to {string}")]
    public Task RestartWith(string name, string setting, string value) =>
        instances.RestartAsync(name, new Dictionary<string, string?> { [setting] = value });
}
