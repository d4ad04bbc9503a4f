namespace Gherkin.Runner.Execution;

public enum ScenarioStatus { Passed, Failed, Undefined, Ambiguous, Pending, Skipped }

/// <summary>How a scenario ended. <see cref="Message"/> is what a test runner should show.</summary>
public sealed record ScenarioResult(ScenarioStatus Status, string? Message = null, Exception? Exception = null)
{
    public bool IsFailure => Status is ScenarioStatus.Failed or ScenarioStatus.Undefined or ScenarioStatus.Ambiguous;

    /// <summary>Skipped and pending scenarios both surface as skipped tests: neither may count as passed.</summary>
    public bool IsSkip => Status is ScenarioStatus.Skipped or ScenarioStatus.Pending;
}

/// <summary>The exception a test host reports for a failed scenario; the message names the step and the cause.</summary>
public sealed class ScenarioFailedException(string message, Exception? inner) : Exception(message, inner)
{
    // The step's own stack trace is the useful one; the runner's frames would only add noise.
    public override string? StackTrace => InnerException?.StackTrace ?? base.StackTrace;
}
