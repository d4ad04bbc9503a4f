using FluentAssertions;
using Reqnroll;
using Sessions.Specs.Support.Instances;
using Sessions.Specs.Support.Scenario;
using Sessions.Testing.Http;

namespace Sessions.Specs.Steps.Operations;

/// <summary>
/// Requests on one session that overlap: sent without waiting, held at an instance's store write, let go in a chosen
/// order, or many at once over several instances.
/// </summary>
[Binding]
public sealed class OverlapSteps(ScenarioStore store, ServerInstances instances, Browsers browsers, CurrentScenario scenario)
{
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(30);

    private readonly Dictionary<string, Task<SessionResponse>> _started = new(StringComparer.Ordinal);
    private SessionResponse[] _burst = [];

    [Given("instance {string} runs on the scenario's own store with:")]
    public async Task RunsWith(string name, Table settings)
    {
        var merged = new Dictionary<string, string?>(await store.SharedAsync(scenario.CancellationToken));
        foreach (var row in settings.Rows)
        {
            merged[row["setting"]] = row["value"];
        }

        await instances.StartReadyAsync(name, merged);
    }

    [Given("instance {string} will hold its next session write")]
    public void WillHold(string name) => instances.GateOf(name).HoldNext();

    [When("browser {string} starts {string} on instance {string}")]
    public void Starts(string browser, string pathAndQuery, string instance) =>
        _started.Add(instance, browsers.SendAsync(browser, pathAndQuery, instance, scenario.CancellationToken));

    [When("instance {string} holds that request's write")]
    public async Task HoldsTheWrite(string name)
    {
        var reached = instances.GateOf(name).Reached;
        if (await Task.WhenAny(reached, _started[name], Task.Delay(LongestWait, scenario.CancellationToken)) != reached)
        {
            throw new InvalidOperationException(_started[name].IsCompleted
                ? $"The request on instance \"{name}\" answered without writing the session:\n{await _started[name]}"
                : $"No session write reached instance \"{name}\"'s gate within {LongestWait.TotalSeconds} s.");
        }
    }

    [When("instance {string} lets the write go")]
    public void LetsGo(string name) => instances.GateOf(name).Release();

    [Then("the request started on instance {string} answers {int}")]
    public async Task StartedAnswers(string instance, int status)
    {
        var response = browsers.Record(await _started[instance].WaitAsync(LongestWait, scenario.CancellationToken));
        response.StatusCode.Should().Be(status, response.ToString());
    }

    /// <summary>A request that should be waiting for another one: still unanswered after the given time.</summary>
    [Then("the request started on instance {string} has not answered after {int} second(s)")]
    public async Task StillWaiting(string instance, int seconds)
    {
        var started = _started[instance];
        var first = await Task.WhenAny(started, Task.Delay(TimeSpan.FromSeconds(seconds), scenario.CancellationToken));
        first.Should().NotBe(started, "it must wait for the session's other request, yet it answered:\n{0}", started.IsCompleted ? started.Result.ToString() : "");
    }

    [When("browser {string} sends {int} requests to {string} at once, spread over instances {string} and {string}")]
    public async Task Burst(string browser, int count, string pathAndQuery, string first, string second)
    {
        var calls = Enumerable.Range(0, count).Select(i => browsers.SendAsync(browser, pathAndQuery, i % 2 == 0 ? first : second, scenario.CancellationToken));
        _burst = await Task.WhenAll(calls);
        scenario.Attach(string.Join("\n\n", _burst.Select(r => r.ToString())));
    }

    [Then("every answer is 200 and the counters are exactly {int} to {int}")]
    public void CountersExactly(int from, int to)
    {
        var report = string.Join("\n", _burst.Select(r => $"{r.StatusCode} {r.Body}"));
        _burst.Select(r => r.StatusCode).Should().AllBeEquivalentTo(200, report);
        _burst.Select(r => r.JsonInt("counter")).Order().Should().Equal(Enumerable.Range(from, to - from + 1).Select(n => (int?)n), "each request must see the one before it; the answers were:\n{0}", report);
    }

    [Then("it answered within {int} second(s)")]
    public void AnsweredWithin(int seconds) =>
        browsers.Last.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(seconds), browsers.Last.ToString());
}
