using FluentAssertions;
using Reqnroll;
using Sessions.Specs.Support.Scenario;
using Sessions.Specs.Support.Http;
using Sessions.Specs.Support.Instances;
using Sessions.Testing.Http;

namespace Sessions.Specs.Steps.Operations;

/// <summary>
/// Named browsers calling named instances, or the target's shared server when no instance is named. As a Given the
/// call is setup and must not fail on the server's side; as a When its answer is what the Then steps judge.
/// </summary>
[Binding]
public sealed class BrowserSteps(Browsers browsers, CurrentScenario scenario)
{
    [Given("browser {string} calls {string} on instance {string}")]
    public async Task HasCalledInstance(string browser, string pathAndQuery, string instance) =>
        Setup(await browsers.CallAsync(browser, pathAndQuery, instance, scenario.CancellationToken));

    [When("browser {string} calls {string} on instance {string}")]
    public Task CallsInstance(string browser, string pathAndQuery, string instance) =>
        browsers.CallAsync(browser, pathAndQuery, instance, scenario.CancellationToken);

    [Given("browser {string} calls {string}")]
    public async Task HasCalledServer(string browser, string pathAndQuery) =>
        Setup(await browsers.CallAsync(browser, pathAndQuery, ServerInstances.SharedServer, scenario.CancellationToken));

    [When("browser {string} calls {string}")]
    public Task CallsServer(string browser, string pathAndQuery) =>
        browsers.CallAsync(browser, pathAndQuery, ServerInstances.SharedServer, scenario.CancellationToken);

    [Given("browser {string} calls {string} {int} times")]
    public async Task HasCalledServerRepeatedly(string browser, string pathAndQuery, int times)
    {
        for (var i = 0; i < times; i++)
        {
            await HasCalledServer(browser, pathAndQuery);
        }
    }

    /// <summary>Parallel requests make the server's connection pool hold several connections, as a busy server's does.</summary>
    [Given("{int} other browsers call {string} on instance {string} at once")]
    public async Task OthersCallAtOnce(int count, string pathAndQuery, string instance)
    {
        var calls = Enumerable.Range(1, count).Select(i => browsers.CallAsync($"other {i}", pathAndQuery, instance, scenario.CancellationToken));
        foreach (var response in await Task.WhenAll(calls))
        {
            Setup(response);
        }
    }

    private SessionResponse[] _together = [];

    [When("browser {string} on instance {string} and browser {string} on instance {string} call {string} at once")]
    public async Task TwoCallAtOnce(string first, string firstInstance, string second, string secondInstance, string pathAndQuery) =>
        _together = await Task.WhenAll(
            browsers.CallAsync(first, pathAndQuery, firstInstance, scenario.CancellationToken),
            browsers.CallAsync(second, pathAndQuery, secondInstance, scenario.CancellationToken));

    [Then("both answer {int} with counter {int}")]
    public void BothAnswer(int status, int counter)
    {
        _together.Should().HaveCount(2, "the step before sent two requests at once");
        foreach (var response in _together)
        {
            response.StatusCode.Should().Be(status, response.ToString());
            response.JsonInt("counter").Should().Be(counter, response.ToString());
        }
    }

    // A setup step that failed would make every later step fail for the wrong reason; stop at the real one.
    private static void Setup(SessionResponse response) =>
        response.StatusCode.Should().BeInRange(200, 299, $"a Given step sets the scene and must succeed\n{response}");
}
