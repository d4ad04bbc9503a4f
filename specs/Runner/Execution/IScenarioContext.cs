using System.Diagnostics.CodeAnalysis;
using Gherkin.Runner.Features;

namespace Gherkin.Runner.Execution;

/// <summary>What a step or hook may know and do about the scenario it runs in. Inject it through a constructor.</summary>
public interface IScenarioContext
{
    string FeatureName { get; }

    /// <summary>The pickle name: outline placeholders substituted, and " [target]" when a target applies.</summary>
    string ScenarioName { get; }

    /// <summary>Tags of feature, rule, scenario and examples, without '@'.</summary>
    IReadOnlyList<string> Tags { get; }

    /// <summary>Null when the suite declares no targets.</summary>
    ScenarioTarget? Target { get; }

    /// <summary>Cancelled when the test host aborts the run.</summary>
    CancellationToken CancellationToken { get; }

    /// <summary>Evidence for the report, attached to the step running now (e.g. an HTTP exchange as text/plain).</summary>
    void Attach(string body, string mediaType);

    /// <summary>Ends the scenario as skipped; the test is reported skipped, never passed.</summary>
    [DoesNotReturn]
    void Skip(string reason);

    /// <summary>Ends the scenario as pending (not yet implemented); reported skipped in xunit, PENDING in the report.</summary>
    [DoesNotReturn]
    void Pending(string? reason = null);
}

/// <summary>Run-level context for [BeforeTestRun]/[AfterTestRun] hooks.</summary>
public interface ITestRunContext
{
    /// <summary>Evidence about the whole run (e.g. which engine served a target), shown in the report.</summary>
    void Attach(string body, string mediaType);
}

/// <summary>Thrown to end a scenario as skipped; <see cref="IScenarioContext.Skip"/> is the usual way.</summary>
public sealed class ScenarioSkippedException(string reason) : Exception(reason);

/// <summary>Thrown by a step that is not written yet; the scenario is reported pending/skipped, not failed.</summary>
public sealed class PendingStepException(string? reason = null) : Exception(reason ?? "This step is pending: it is not implemented yet.");
