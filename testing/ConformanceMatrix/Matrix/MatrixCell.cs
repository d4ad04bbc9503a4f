using ConformanceMatrix.Requirements;
using ConformanceMatrix.Results;

namespace ConformanceMatrix.Matrix;

/// <summary>
/// One requirement on one target: failed when any of its scenarios failed there, passed when at least one passed and
/// none failed, skipped when none ran (with the first skip reason), missing when no scenario of it ran on that target.
/// </summary>
public sealed record MatrixCell(Requirement Requirement, string Target, Outcome? Outcome, string? Reason, IReadOnlyList<ScenarioOutcome> Scenarios)
{
    public static MatrixCell From(Requirement requirement, string target, IReadOnlyList<ScenarioOutcome> scenarios)
    {
        if (scenarios.Count == 0)
        {
            return new MatrixCell(requirement, target, null, "no scenario of this requirement ran on this target", scenarios);
        }

        if (scenarios.FirstOrDefault(s => s.Outcome == Results.Outcome.Failed) is { } failed)
        {
            return new MatrixCell(requirement, target, Results.Outcome.Failed, failed.Reason, scenarios);
        }

        if (scenarios.Any(s => s.Outcome == Results.Outcome.Passed))
        {
            return new MatrixCell(requirement, target, Results.Outcome.Passed, null, scenarios);
        }

        return new MatrixCell(requirement, target, Results.Outcome.Skipped, scenarios[0].Reason, scenarios);
    }
}

/// <summary>A target's score in one tier: requirements passed out of those of the tier, and how many failed or were skipped.</summary>
public sealed record TierScore(string Target, Tier Tier, int Passed, int Failed, int Skipped, int Total)
{
    public override string ToString() =>
        $"{Tier.ToString().ToLowerInvariant()} {Passed}/{Total} passed, {Failed} failed, {Skipped} skipped";
}
