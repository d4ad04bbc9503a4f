using FluentAssertions;
using Reqnroll;
using Sessions.Specs.Support.Scenario;
using Sessions.Specs.Support.Http;
using Sessions.Specs.Support.Instances;
using Sessions.Testing.Http;

namespace Sessions.Specs.Steps.Operations;

/// <summary>Many sessions at once on the target's server, and many requests at once on one session.</summary>
[Binding]
public sealed class LoadSteps(ServerInstances instances, ScenarioStore store, CurrentScenario scenario)
{
    private LoadResult? _load;

    [When("the browsers in this store's row each store a marker of their own and call {string} {int} times, all at once:")]
    public Task LoadPerStore(string path, int requests, DataTable table)
    {
        // The row of the target's store, whichever profile runs on it.
        var row = table.Rows.SingleOrDefault(r => r["store"] == store.Name)
            ?? throw new InvalidOperationException($"The load table has no row for store '{store.Name}'.");
        return Load(int.Parse(row["browsers"], System.Globalization.CultureInfo.InvariantCulture), path, requests);
    }

    private async Task Load(int sessions, string path, int requests)
    {
        path.Should().Be("/session/counter", "the load run checks each session's own counter sequence");
        var client = await instances.ClientAsync(ServerInstances.SharedServer, scenario.CancellationToken);
        _load = await SessionLoad.RunAsync(client, sessions, requests, scenario.CancellationToken);
        scenario.Attach(_load.ToString());
        Console.WriteLine($"load [{scenario.Target?.Name}]: {_load}");
    }

    [Then("every browser counted from 1 to {int} and read back its own marker")]
    public void EverySessionCounted(int requests)
    {
        var load = _load ?? throw new InvalidOperationException("No load run in this scenario.");
        load.RequestsPerSession.Should().Be(requests);
        load.Problems.Should().BeEmpty(load.ToString());
    }

    [Then("no answer was a 5xx")]
    public void NoServerError()
    {
        var load = _load ?? throw new InvalidOperationException("No load run in this scenario.");
        load.Statuses.Keys.Should().OnlyContain(status => status < 500, load.ToString());
        load.Requests.Should().Be(load.Sessions * (load.RequestsPerSession + 2), load.ToString());
    }
}
