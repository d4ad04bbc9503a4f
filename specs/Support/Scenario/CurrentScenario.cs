using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using Reqnroll;
using Reqnroll.UnitTestProvider;
using ReqnrollXunit;
using Xunit;

namespace Sessions.Specs.Support.Scenario;

/// <summary>
/// What the drivers need of the scenario running now: its tags and target, the run's cancellation, evidence for the
/// report (attached to the step running now) and a skip with a reason. Reqnroll injects it per scenario.
/// </summary>
public sealed class CurrentScenario(ScenarioCase scenario, IReqnrollOutputHelper output, IUnitTestRuntimeProvider tests)
{
    /// <summary>Tags of feature, rule, scenario and examples, without '@'.</summary>
    public IReadOnlyList<string> Tags => scenario.Tags;

    public ScenarioTarget? Target => scenario.Target;

    /// <summary>Cancelled when the test host aborts the run.</summary>
    public CancellationToken CancellationToken => TestContext.Current.CancellationToken;

    /// <summary>Evidence for the report, e.g. an HTTP exchange, under the step that produced it.</summary>
    public void Attach(string body) => output.WriteLine(body);

    /// <summary>Ends the scenario as skipped with the reason; never passed.</summary>
    [DoesNotReturn]
    public void Skip(string reason)
    {
        tests.TestIgnore(reason);
        throw new UnreachableException("TestIgnore always throws.");
    }
}
