using System.Reflection;
using System.Text.Json;
using Reqnroll;
using Reqnroll.BoDi;
using Xunit;
using Xunit.Sdk;

namespace ReqnrollXunit;

/// <summary>
/// Subclass once per test project (<c>public sealed class Features : ScenarioSuite&lt;Features&gt;;</c>) and every
/// scenario becomes its own xunit case, named "Feature: Scenario [target]", with Category/Target/Feature traits, run
/// by Reqnroll's runtime against ordinary Reqnroll bindings. The self type gives each suite its own run.
/// </summary>
public abstract class ScenarioSuite<TSuite> : IClassFixture<ScenarioSuite<TSuite>.RunCompletion>
    where TSuite : ScenarioSuite<TSuite>, new()
{
    private static readonly Lazy<SuiteRun> Run = new(() => new SuiteRun(new TSuite()), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Where .feature files are looked for; relative paths start at the test assembly's folder.</summary>
    protected virtual string FeaturesDirectory => "Features";

    /// <summary>The target dimension; empty means each scenario runs once, without a target.</summary>
    protected virtual IEnumerable<ScenarioTarget> Targets => [];

    /// <summary>
    /// Where Reqnroll's html and message formatters write index.html and messages.ndjson: by default
    /// artifacts/living-doc under the repository root (the folder holding .git or a .sln); null leaves the formatters
    /// as reqnroll.json or REQNROLL_FORMATTERS configure them.
    /// </summary>
    protected virtual string? LivingDocDirectory => Path.Combine(RepositoryRoot(), "artifacts", "living-doc");

    /// <summary>Registers per-scenario instances (clients, drivers) before the first hook runs.</summary>
    protected virtual void ConfigureScenario(IObjectContainer container, ScenarioCase scenario)
    {
    }

    /// <summary>Runs after the formatters wrote the report, e.g. to build more pages from messages.ndjson.</summary>
    protected virtual void OnReportWritten(string livingDocDirectory)
    {
    }

    /// <summary>The cases xunit lists: one row per pickle and target, keyed by "uri:line" and target name.</summary>
    public static IEnumerable<TheoryDataRow<string, string>> Scenarios => Run.Value.Catalog.Cases.Select(ToRow);

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Scenario(string scenario, string target)
    {
        var run = Run.Value;
        var found = run.Catalog.Find(scenario, target);
        // Entered before anything can fail, so every case leaves its phase and no serial case waits for one that ended early.
        await using var turn = await SerialPhases.Current.EnterAsync(
            TestContext.Current.TestCase!, found?.Target?.Lane ?? target, skipped: found?.SkipReason is not null, TestContext.Current.CancellationToken);
        if (found is null)
        {
            throw new InvalidOperationException($"No scenario at {scenario} for target '{target}': did the feature file change after discovery?");
        }

        if (found.ParseError is { } parseError)
        {
            throw new XunitException($"{found.Feature.FileName} could not be parsed: {parseError}");
        }

        await run.EnsureStartedAsync();
        await ScenarioExecution.RunAsync(run.Assembly, found, run.Suite.ConfigureScenario);
    }

    private static TheoryDataRow<string, string> ToRow(ScenarioCase scenario)
    {
        var row = new TheoryDataRow<string, string>(scenario.Key, scenario.Target?.Name ?? "")
        {
            TestDisplayName = scenario.DisplayName,
            Label = "",
        };
        row.WithTrait("Feature", scenario.ParseError is null ? scenario.FeatureName : scenario.Feature.FileName);
        foreach (var tag in scenario.Tags)
        {
            row.WithTrait("Category", tag);
        }

        if (scenario.Target is { } target)
        {
            row.WithTrait("Target", target.Name);
        }

        return row;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (Directory.Exists(Path.Combine(directory.FullName, ".git")) || File.Exists(Path.Combine(directory.FullName, ".git")) || directory.EnumerateFiles("*.sln").Any())
            {
                return directory.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }

    /// <summary>The suite's run: discovery, Reqnroll's start (once, before the first scenario) and its end.</summary>
    private sealed class SuiteRun(TSuite suite)
    {
        private readonly SemaphoreSlim _gate = new(1, 1);
        private bool _started;
        private Exception? _startFailure;

        public TSuite Suite { get; } = suite;

        public Assembly Assembly { get; } = typeof(TSuite).Assembly;

        public FeatureCatalog Catalog { get; } = FeatureCatalog.Load(Path.Combine(AppContext.BaseDirectory, suite.FeaturesDirectory), suite.Targets.ToList());

        public string? ReportDirectory { get; } = suite.LivingDocDirectory;

        public bool Started => Volatile.Read(ref _started);

        public async Task EnsureStartedAsync()
        {
            if (!Started)
            {
                await _gate.WaitAsync();
                try
                {
                    if (!_started)
                    {
                        ConfigureFormatters();
                        try
                        {
                            await TestRunnerManager.OnTestRunStartAsync(Assembly);
                        }
                        catch (Exception ex)
                        {
                            _startFailure = ex;
                        }

                        Volatile.Write(ref _started, true);
                    }
                }
                finally
                {
                    _gate.Release();
                }
            }

            if (_startFailure is { } failure)
            {
                throw new XunitException($"The test run could not start: a [BeforeTestRun] hook failed: {failure.GetBaseException().Message}", failure);
            }
        }

        private void ConfigureFormatters()
        {
            if (ReportDirectory is null)
            {
                return;
            }

            Directory.CreateDirectory(ReportDirectory);
            var formatters = new
            {
                formatters = new
                {
                    html = new { outputFilePath = Path.Combine(ReportDirectory, "index.html") },
                    message = new { outputFilePath = Path.Combine(ReportDirectory, "messages.ndjson") },
                },
            };
            Environment.SetEnvironmentVariable("REQNROLL_FORMATTERS", JsonSerializer.Serialize(formatters));
        }
    }

    /// <summary>
    /// Class fixture: xunit disposes it after the suite's last scenario, when [AfterTestRun] hooks run and the report
    /// is flushed. A failure there fails the run. Runs that selected none of this suite's scenarios never started.
    /// </summary>
    public sealed class RunCompletion : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            if (!Run.IsValueCreated || !Run.Value.Started)
            {
                return;
            }

            var run = Run.Value;
            await TestRunnerManager.OnTestRunEndAsync(run.Assembly);
            if (run.ReportDirectory is { } directory)
            {
                run.Suite.OnReportWritten(directory);
            }
        }
    }
}
