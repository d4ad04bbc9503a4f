using FluentAssertions;
using Gherkin.Runner.Bindings;
using Gherkin.Runner.Execution;
using Sessions.Specs.Support.Http;
using Sessions.Specs.Support.Instances;

namespace Sessions.Specs.Steps.Beyond;

/// <summary>Many sessions at once on the target's server, and many requests at once on one session.</summary>
[Binding]
public sealed class LoadSteps(ServerInstances instances, Browsers browsers, IScenarioContext scenario)
{
    private LoadResult? _load;
    private IReadOnlyList<SessionResponse> _burst = [];
    private string? _burstBrowser;

    [When("the browsers in this store's row each store a marker of their own and call {string} {int} times, all at once:")]
    public Task LoadPerStore(string path, int requests, DataTable table)
    {
        var store = scenario.Target?.Name ?? "";
        var row = table.Rows.SingleOrDefault(r => r["store"] == store)
            ?? throw new InvalidOperationException($"The load table has no row for store '{store}'.");
        return Load(int.Parse(row["browsers"], System.Globalization.CultureInfo.InvariantCulture), path, requests);
    }

    private async Task Load(int sessions, string path, int requests)
    {
        path.Should().Be("/session/counter", "the load run checks each session's own counter sequence");
        var client = await instances.ClientAsync(ServerInstances.SharedServer, scenario.CancellationToken);
        _load = await SessionLoad.RunAsync(client, sessions, requests, scenario.CancellationToken);
        scenario.Attach(_load.ToString(), "text/plain");
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

    [When("browser {string} sends {int} {string} requests with its cookie at once")]
    public async Task Burst(string browser, int requests, string path)
    {
        path.Should().Be("/session/counter");
        _burstBrowser = browser;
        var client = await instances.ClientAsync(ServerInstances.SharedServer, scenario.CancellationToken);
        _burst = await SessionLoad.BurstAsync(client, browsers.Jar(browser), requests, scenario.CancellationToken);
        scenario.Attach(string.Join("\n", _burst.Select(r => $"{r.StatusCode} {r.Body}")), "text/plain");
    }

    [Then("every one of them answers 200 with a counter between {int} and {int}")]
    public void BurstAnswers(int low, int high)
    {
        foreach (var response in _burst)
        {
            response.StatusCode.Should().Be(200, response.ToString());
            response.JsonInt("counter").Should().BeInRange(low, high, response.ToString());
        }
    }

    [Then("the next counter answer is between {int} and {int}, and the report says how many increments were lost")]
    public async Task NextCounter(int low, int high)
    {
        // Through the browser's jar, as the user's next click would be.
        var browser = _burstBrowser ?? throw new InvalidOperationException("No burst in this scenario.");
        var response = await browsers.CallAsync(browser, "/session/counter", ServerInstances.SharedServer, scenario.CancellationToken);
        response.StatusCode.Should().Be(200, response.ToString());
        var counter = response.JsonInt("counter")!.Value;
        counter.Should().BeInRange(low, high, response.ToString());
        scenario.Attach($"{_burst.Count} parallel increments; the session kept {counter - low + 1} of them ({high - counter} lost, last write wins)", "text/plain");
    }
}
