namespace SessionsBench.Reporting;

/// <summary>Artifacts go under the repository root wherever the bench is started from; the solution file marks the root.</summary>
public static class RepositoryRoot
{
    private const string Marker = "Sessions.Conformance.sln";

    public static string Find()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, Marker)))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException($"no {Marker} above {Environment.CurrentDirectory} or {AppContext.BaseDirectory}; run the bench from inside the repository.");
    }
}
