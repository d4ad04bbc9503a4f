using Reqnroll;
using ReqnrollXunit;
using Sessions.Specs.Support.Instances;
using Sessions.Specs.Support.Scenario;
using Sessions.Testing.Stores;
using Sessions.Specs.Support.Targets;
using Xunit;

namespace Sessions.Specs.Steps.Hooks;

/// <summary>Every hook of the suite: the run's targets and engines into the report, and cleaning up after the run.</summary>
[Binding]
public sealed class SuiteHooks(ServerUnderTest server, CurrentScenario scenario)
{
    /// <summary>Where Babelfish is known to differ from SQL Server (shared/babelfish/README.md), by scenario tag.</summary>
    private static readonly Dictionary<string, string> BabelfishDifferences = new(StringComparer.OrdinalIgnoreCase)
    {
        ["babelfish-no-merge"] = "Babelfish does not support MERGE ('MERGE' is not currently supported in Babelfish); SQL Server does",
        ["babelfish-bracket-names"] = "Babelfish rejects a bracket-quoted name containing an escaped ] ([we]]ird]); SQL Server accepts it",
        ["babelfish-refused-write-aftermath"] = "after a write that a trigger refused, Babelfish sometimes fails the next read on that pooled connection with the same error (seen in CI: the next load of the tutorial stack came back empty), so the next answer is a race there; SQL Server fails only the refused batch",
    };

    /// <summary>
    /// Every in-process server of the run shares this process's thread pool. The tutorial profile's stock session
    /// loads synchronously (a blocking store call per request), so dozens of parallel scenarios would starve the pool
    /// and stall every other target's requests past their I/O timeout, which in production, one server per process,
    /// does not happen. Enough threads up front keep the targets from slowing each other.
    /// </summary>
    [BeforeTestRun(Order = 0)]
    public static void WidenThreadPool()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 256), Math.Max(io, 256));
    }

    [BeforeTestRun(Order = 1)]
    public static void DescribeMatrix() => RunEvidence.Attach(typeof(SuiteHooks).Assembly, "Targets of this run:\n" + TargetMatrix.Summary);

    /// <summary>
    /// Starts the target's server before the first step, so a configured store that is down fails here with its
    /// one-line reason, and names what served the scenario (for sqlserver: SQL Server or Babelfish, from @@VERSION).
    /// </summary>
    [BeforeScenario]
    public async Task NameTheServer()
    {
        await server.ConnectAsync(scenario.CancellationToken);
        if (server is InProcessServer { Store: SqlServerStore { IsBabelfish: true } })
        {
            // Only this scenario, only on Babelfish: everywhere else, SQL Server included, it must pass.
            foreach (var tag in scenario.Tags)
            {
                if (BabelfishDifferences.TryGetValue(tag, out var difference))
                {
                    scenario.Skip($"the sqlserver target runs on Babelfish, not SQL Server: {difference}");
                }
            }
        }

        var line = "Server under test: " + (server.Description ?? server.Name);
        scenario.Attach(line);
        // Also the test's own output, so the console (not only the report) says which engine served it.
        TestContext.Current.TestOutputHelper?.WriteLine(line);
    }

    /// <summary>Runs after the last scenario, also when scenarios failed: stops servers and drops the run's databases.</summary>
    [AfterTestRun]
    public static async Task CleanUp()
    {
        var started = TargetMatrix.Servers.Where(s => s.WasStarted).Select(s => s.Description ?? s.Name).ToList();
        if (started.Count > 0)
        {
            RunEvidence.Attach(typeof(SuiteHooks).Assembly, "Servers that ran:\n" + string.Join('\n', started));
            Console.WriteLine("Conformance targets that ran: " + string.Join(" | ", started));
        }

        try
        {
            try
            {
                await ScenarioStore.DropSparesAsync();
            }
            finally
            {
                await TargetMatrix.DisposeAllAsync();
            }
        }
        catch (Exception ex)
        {
            // The runner records a failing run hook only in the report; say it on the console too, or a database
            // left behind would go unnoticed.
            Console.Error.WriteLine($"Conformance cleanup failed: {ex.Message}");
            throw;
        }
    }
}
