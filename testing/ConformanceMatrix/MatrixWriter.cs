using ConformanceMatrix.Matrix;
using ConformanceMatrix.Requirements;
using ConformanceMatrix.Results;

namespace ConformanceMatrix;

/// <summary>Builds the matrix page from a contract and a run's messages and writes it beside the living documentation.</summary>
public static class MatrixWriter
{
    public const string PageName = "matrix.html";

    public const string ScoresName = "scores.txt";

    /// <summary>Writes <c>matrix.html</c> and <c>scores.txt</c> into <paramref name="directory"/>; returns the score lines.</summary>
    public static IReadOnlyList<string> Write(string contractPath, string messagesPath, string directory)
    {
        var report = ConformanceReport.Build(RequirementCatalog.Load(contractPath), MessageReader.Read(messagesPath));
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, PageName), MatrixPage.Render(report));
        var lines = report.ScoreLines();
        File.WriteAllLines(Path.Combine(directory, ScoresName), lines);
        return lines;
    }
}
