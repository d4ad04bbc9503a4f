using Gherkin.Runner.Bindings;
using Gherkin.Runner.Execution;
using Xunit;

namespace Gherkin.Runner.Tests.Suite;

/// <summary>Per-scenario state shared by the step classes below.</summary>
public sealed class Counter
{
    public int Value { get; set; }
}

[Binding]
public sealed class CounterSteps(Counter counter)
{
    [Given("a counter starting at {int}")]
    public void Start(int value) => counter.Value = value;

    [Given("the counter is reset")]
    public void Reset() => counter.Value = 0;

    [When("I count {int} time(s)")]
    public void Count(int times) => counter.Value += times;

    [When("I add these amounts:")]
    public void Add(DataTable table) => counter.Value += table.Rows.Sum(r => int.Parse(r["amount"], System.Globalization.CultureInfo.InvariantCulture));

    [When("I count the lines of:")]
    public void CountLines(DocString text)
    {
        Assert.Equal("text/plain", text.MediaType);
        counter.Value += text.Content.Split('\n').Length;
    }

    [Then("the counter is {int}")]
    public void Is(int expected) => Assert.Equal(expected, counter.Value);

    [Then("the counter is not {int}")]
    public void IsNot(int unexpected) => Assert.NotEqual(unexpected, counter.Value);
}

[Binding]
public sealed class RunSteps(IScenarioContext scenario)
{
    static int inFlight;

    [BeforeScenario]
    public static void Enter() => Interlocked.Increment(ref inFlight);

    [AfterScenario]
    public static void Leave() => Interlocked.Decrement(ref inFlight);

    [When("I wait {int} second(s)")]
    public async Task Wait(int seconds)
    {
        scenario.Attach($"waiting {seconds}s on {scenario.Target?.Name}", "text/plain");
        await Task.Delay(TimeSpan.FromSeconds(seconds), scenario.CancellationToken);
    }

    [Then("no other scenario of this suite is running")]
    public void Alone() => Assert.Equal(1, Volatile.Read(ref inFlight));

    [Given("the scenario skips because {string}")]
    public void SkipBecause(string reason) => scenario.Skip(reason);
}

[Binding]
public sealed class TargetSteps(TargetInfo target)
{
    [Then("the target value is known")]
    public void Known() => Assert.Equal("A", target.Code);
}
