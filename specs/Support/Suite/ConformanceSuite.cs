using ConformanceMatrix;
using ReqnrollXunit;
using Sessions.Specs.Support.Targets;

namespace Sessions.Specs.Support.Suite;

/// <summary>
/// The contract's features, each scenario one test case per target: an in-process server per store and profile, or
/// external servers in black-box mode. Reqnroll's formatters write artifacts/living-doc/index.html and
/// messages.ndjson; from those messages this suite adds the conformance matrix (matrix.html) and the scores.
/// </summary>
public sealed class ConformanceSuite : ScenarioSuite<ConformanceSuite>
{
    protected override IEnumerable<ScenarioTarget> Targets => TargetMatrix.Targets;

    /// <summary>SESSIONS_LIVING_DOC moves the report (a black-box run beside the main one); else artifacts/living-doc.</summary>
    protected override string? LivingDocDirectory =>
        Environment.GetEnvironmentVariable("SESSIONS_LIVING_DOC") is { Length: > 0 } directory ? Path.GetFullPath(directory) : base.LivingDocDirectory;

    protected override void OnReportWritten(string livingDocDirectory)
    {
        var messages = Path.Combine(livingDocDirectory, "messages.ndjson");
        if (!File.Exists(messages))
        {
            return;
        }

        var scores = MatrixWriter.Write(RequirementClaims.ContractPath, messages, livingDocDirectory);
        Console.WriteLine($"Conformance matrix: {Path.Combine(livingDocDirectory, MatrixWriter.PageName)}");
        foreach (var line in scores)
        {
            Console.WriteLine("conformance " + line);
        }
    }
}
