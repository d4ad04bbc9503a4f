namespace ConformanceMatrix.Tests;

/// <summary>The repository's own contract and features, found from the test binaries upwards.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string Contract => Path.Combine(Root, "docs", "contract.md");

    public static IEnumerable<string> Features =>
        Directory.EnumerateFiles(Path.Combine(Root, "specs", "Features"), "*.feature", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Sessions.Conformance.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Sessions.Conformance.sln above {AppContext.BaseDirectory}.");
    }
}
