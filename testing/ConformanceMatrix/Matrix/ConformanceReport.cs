using ConformanceMatrix.Requirements;
using ConformanceMatrix.Results;

namespace ConformanceMatrix.Matrix;

/// <summary>The requirements as rows and the run's targets as columns, with a score per target and tier.</summary>
public sealed class ConformanceReport
{
    private ConformanceReport(RequirementCatalog catalog, RunOutcome run, IReadOnlyList<string> targets, IReadOnlyList<MatrixCell> cells)
    {
        Catalog = catalog;
        Run = run;
        Targets = targets;
        Cells = cells;
    }

    public RequirementCatalog Catalog { get; }

    public RunOutcome Run { get; }

    /// <summary>Targets in the order their first scenario appears in the run.</summary>
    public IReadOnlyList<string> Targets { get; }

    public IReadOnlyList<MatrixCell> Cells { get; }

    public MatrixCell Cell(Requirement requirement, string target) =>
        Cells.First(c => c.Requirement.Id == requirement.Id && c.Target == target);

    public static ConformanceReport Build(RequirementCatalog catalog, RunOutcome run)
    {
        var targets = run.Scenarios.Select(s => s.Target).Distinct().ToList();
        var cells = new List<MatrixCell>();
        foreach (var requirement in catalog.Requirements)
        {
            foreach (var target in targets)
            {
                var scenarios = run.Scenarios
                    .Where(s => s.Target == target && s.Tags.Contains(requirement.Tag, StringComparer.OrdinalIgnoreCase))
                    .ToList();
                cells.Add(MatrixCell.From(requirement, target, scenarios));
            }
        }

        return new ConformanceReport(catalog, run, targets, cells);
    }

    public IReadOnlyList<TierScore> Scores() =>
        Targets.SelectMany(target => new[] { Tier.Contract, Tier.Extension }.Select(tier =>
        {
            var cells = Cells.Where(c => c.Target == target && c.Requirement.Tier == tier).ToList();
            return new TierScore(
                target,
                tier,
                cells.Count(c => c.Outcome == Outcome.Passed),
                cells.Count(c => c.Outcome == Outcome.Failed),
                cells.Count(c => c.Outcome is Outcome.Skipped or null),
                cells.Count);
        })).ToList();

    /// <summary>One line per target, for the end of the test output: "sqlserver: contract 29/29 passed, …; extension …".</summary>
    public IReadOnlyList<string> ScoreLines() =>
        Scores().GroupBy(s => s.Target).Select(g => $"{g.Key}: {string.Join("; ", g)}").ToList();
}
