using Gherkin.Runner.Bindings;
using Gherkin.Runner.Execution;

namespace Gherkin.Runner.Tests.Engine;

/// <summary>Registered per scenario by the tests, so each test reads only its own scenario's events.</summary>
public sealed class Recorder
{
    public List<string> Events { get; } = [];
}

/// <summary>Per-scenario context built by the container; records its own disposal.</summary>
public sealed class SharedContext(Recorder recorder) : IDisposable
{
    public string Value { get; set; } = "";

    public void Dispose() => recorder.Events.Add("disposed context");
}

public enum Color { Red, Green }

[Binding]
public sealed class EngineSteps(Recorder recorder, SharedContext context, IScenarioContext scenario)
{
    [Given("a step that passes")]
    [Then("a step that passes")]
    public void Passes() => recorder.Events.Add("step");

    [Given("a step that fails")]
    public void Fails() => throw new InvalidOperationException("boom");

    [Given("a pending step")]
    public void PendingStep() => scenario.Pending("later");

    [Given("a given-only step")]
    public void GivenOnly() => recorder.Events.Add("given-only");

    [When("something ambiguous happens")]
    public void First() { }

    [StepDefinition("something {word} happens")]
    public void Second(string what) => _ = what;

    [Given("the context holds {string}")]
    public void Hold(string value) => context.Value = value;

    [Given(@"^the values (\w+), ([\d:]+), (\w+) and ([\d.]+)$")]
    public void Values(Color color, TimeSpan span, bool flag, decimal amount) =>
        recorder.Events.Add($"{color}|{span.TotalSeconds}|{flag}|{amount}");

    [Given("anything goes with a star")]
    public async ValueTask Star()
    {
        await Task.Yield();
        recorder.Events.Add("star");
    }

    [Given("evidence {string} is attached")]
    public void Evidence(string body) => scenario.Attach(body, "text/plain");

    [BeforeScenario(Order = 2)]
    public void BeforeSecond() => recorder.Events.Add("before 2");

    [BeforeScenario(Order = 1)]
    public void BeforeFirst() => recorder.Events.Add("before 1");

    [BeforeScenario("@hooked")]
    public void BeforeTagged() => recorder.Events.Add("before tagged");

    [AfterScenario]
    public void After() => recorder.Events.Add("after");
}

[Binding]
public sealed class OtherSteps(SharedContext context)
{
    [Then("the other class sees {string}")]
    public void Sees(string expected)
    {
        if (context.Value != expected) throw new InvalidOperationException($"expected '{expected}' but saw '{context.Value}'");
    }
}

[Binding]
public static class RunHookSteps
{
    public static List<string> Events { get; } = [];

    [BeforeTestRun]
    public static void BeforeRun(ITestRunContext run)
    {
        Events.Add("before run");
        run.Attach("engine: in-memory", "text/plain");
    }

    [AfterTestRun]
    public static void AfterRun() => Events.Add("after run");
}

[Binding]
public static class FailingRunHookSteps
{
    [AfterTestRun]
    public static void AfterRun() => throw new InvalidOperationException("could not drop the database");
}
