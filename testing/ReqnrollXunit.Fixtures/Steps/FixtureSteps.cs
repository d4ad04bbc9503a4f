using Reqnroll;
using Reqnroll.UnitTestProvider;
using ReqnrollXunit;
using Xunit;

namespace ReqnrollXunit.Fixtures.Steps;

[Binding]
public sealed class FixtureSteps(EngineBase engine, IReqnrollOutputHelper output, IUnitTestRuntimeProvider tests)
{
    private int _count;

    [BeforeTestRun]
    public static void StartRun()
    {
        if (Environment.GetEnvironmentVariable("FIXTURE_FAIL_BEFORE_RUN") == "1")
        {
            throw new InvalidOperationException("the fixture's before-run hook failed on purpose");
        }

        RunEvidence.Attach(typeof(FixtureSteps).Assembly, "run evidence: fixture run started");
    }

    [AfterTestRun]
    public static void EndRun()
    {
        if (Environment.GetEnvironmentVariable("FIXTURE_FAIL_AFTER_RUN") == "1")
        {
            throw new InvalidOperationException("the fixture's after-run hook failed on purpose");
        }
    }

    [BeforeScenario("hook-skip")]
    public void SkipFromHook() => tests.TestIgnore("skipped by a before-scenario hook");

    [Given("I count {int} time(s)")]
    public void Count(int times) => _count += times;

    [Then("the count is {int}")]
    public void CountIs(int expected) => Assert.Equal(expected, _count);

    [Then("the engine code is {string}")]
    public void EngineCode(string code) => Assert.Equal(code, engine.Code);

    [When("I note {string} as evidence")]
    public void Evidence(string text) => output.WriteLine(text);

    [Given("these rows:")]
    public void Rows(DataTable table) => _count += table.Rows.Count;

    [Given("this text:")]
    public void Text(string text) => _count += text.Split('\n').Length;

    [When("I wait {int} seconds")]
    public Task Wait(int seconds) => Task.Delay(TimeSpan.FromSeconds(seconds), TestContext.Current.CancellationToken);

    [When("the step skips itself")]
    public void SkipItself() => tests.TestIgnore("skipped by the step itself");

    [When("the step is pending")]
    public void PendingStep() => throw new PendingStepException();

    [When("the step matches twice")]
    public void AmbiguousOne()
    {
    }

    [When("the step matches {word}")]
    public void AmbiguousTwo(string what)
    {
    }
}
