namespace ConformanceMatrix.Results;

/// <summary>How a scenario ended on one target, in the report's words.</summary>
public enum Outcome
{
    Passed,
    Failed,
    Skipped,
}

/// <summary>One step (or hook) of a scenario run, with the evidence attached to it.</summary>
public sealed record StepOutcome(string Text, string Status, string? Message, IReadOnlyList<string> Attachments);

/// <summary>One scenario run on one target, read back from the run's Cucumber messages.</summary>
/// <param name="Reason">Why it failed or was skipped: the first message a step or hook gave; null when it passed.</param>
public sealed record ScenarioOutcome(
    string Id,
    string Scenario,
    string Target,
    string Uri,
    IReadOnlyList<string> Tags,
    Outcome Outcome,
    string? Reason,
    IReadOnlyList<StepOutcome> Steps);
