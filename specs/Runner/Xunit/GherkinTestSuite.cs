using System.Reflection;
using Gherkin.Runner.Bindings;
using Gherkin.Runner.Execution;
using Gherkin.Runner.Features;
using Gherkin.Runner.Reporting;
using Xunit;
using Xunit.v3;

// The entry point lives in the root namespace so a consuming project needs a single using.
namespace Gherkin.Runner;

/// <summary>
/// Subclass once per test project (<c>public sealed class Features : GherkinTestSuite&lt;Features&gt;;</c>) and every
/// scenario becomes its own xunit test case, named "Feature: Scenario [target]", with Category/Target/Feature traits.
/// Override the virtual members to choose features, bindings, targets and per-scenario registrations.
/// The self type parameter gives each suite its own run and report, and lets the static data member see the overrides.
/// </summary>
public abstract class GherkinTestSuite<TSuite> : IClassFixture<GherkinTestSuite<TSuite>.RunCompletion>
    where TSuite : GherkinTestSuite<TSuite>, new()
{
    static readonly Lazy<TestRun> SharedRun = new(() => new TSuite().CreateRun(), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Where .feature files are looked for; relative paths start at the test assembly's folder.</summary>
    protected virtual string FeaturesDirectory => "Features";

    /// <summary>The target dimension; empty means each scenario runs once, without a target.</summary>
    protected virtual IEnumerable<ScenarioTarget> Targets => [];

    /// <summary>Assemblies searched for [Binding] classes; the suite's own assembly by default.</summary>
    protected virtual IEnumerable<Assembly> BindingAssemblies => [typeof(TSuite).Assembly];

    /// <summary>The [Binding] classes used; narrow it when one assembly holds bindings for several suites.</summary>
    protected virtual IEnumerable<Type> BindingTypes => BindingAssemblies.SelectMany(a => a.GetTypes());

    /// <summary>Folder under artifacts/living-doc for this suite's report; null writes directly into it.</summary>
    protected virtual string? LivingDocSubdirectory => null;

    /// <summary>Registers per-scenario instances (shared services, clients) before the first step runs.</summary>
    protected virtual void ConfigureScenario(ScenarioContainer container, ScenarioCase scenario)
    {
    }

    /// <summary>The cases xunit lists: one row per pickle and target, keyed by "uri:line" and target name.</summary>
    public static IEnumerable<TheoryDataRow<string, string>> Scenarios => SharedRun.Value.Catalog.Cases.Select(ToRow);

    /// <summary>Runs one scenario; a failure throws with the step's message, skipped and pending end as skipped tests.</summary>
    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Scenario(string scenario, string target)
    {
        var run = SharedRun.Value;
        var found = run.Catalog.Find(scenario, target)
            ?? throw new InvalidOperationException($"No scenario at {scenario} for target '{target}': did the feature file change after discovery?");
        var result = await run.RunAsync(found, ConfigureScenario, TestContext.Current.CancellationToken).ConfigureAwait(false);
        if (result.IsFailure) throw new ScenarioFailedException(result.Message ?? result.Status.ToString(), result.Exception);
        // xunit v3 turns an exception whose message starts with this token into a skipped result (what Assert.Skip does).
        if (result.IsSkip) throw new ScenarioSkippedException(DynamicSkipToken.Value + (result.Message ?? result.Status.ToString()));
    }

    TestRun CreateRun()
    {
        var directory = Path.Combine(AppContext.BaseDirectory, FeaturesDirectory);
        var bindings = BindingCatalog.FromTypes(BindingTypes);
        return TestRun.Create(directory, Targets.ToList(), bindings);
    }

    static TheoryDataRow<string, string> ToRow(ScenarioCase scenario)
    {
        var row = new TheoryDataRow<string, string>(scenario.Key, scenario.Target?.Name ?? "")
        {
            TestDisplayName = scenario.DisplayName,
            // Only @serial opts out; everything else may overlap (xunit decides how many at once).
            DisableParallelization = scenario.IsSerial ? true : null,
        };
        row.WithTrait("Feature", scenario.Feature.Name);
        foreach (var tag in scenario.Tags) row.WithTrait("Category", tag);
        if (scenario.Target is { } target) row.WithTrait("Target", target.Name);
        return row;
    }

    /// <summary>
    /// Class fixture: xunit disposes it after the suite's last scenario, which is when [AfterTestRun] hooks run and
    /// the report is written. Runs that selected none of this suite's scenarios never start, so write nothing.
    /// </summary>
    public sealed class RunCompletion : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            if (!SharedRun.IsValueCreated) return;
            var run = SharedRun.Value;
            var envelopes = await run.FinishAsync().ConfigureAwait(false);
            if (envelopes.All(e => e.TestCase is null)) return;
            var suite = new TSuite();
            var files = await LivingDocumentation.WriteAsync(envelopes, LivingDocumentation.ResolveDirectory(suite.LivingDocSubdirectory)).ConfigureAwait(false);
            Console.WriteLine(files.Note ?? $"Living documentation: {files.HtmlPath}");

            // xunit reports a fixture that fails to dispose as a failed run, so a broken clean-up cannot pass unnoticed.
            if (run.AfterRunFailure is { } failure) throw new InvalidOperationException($"An [AfterTestRun] hook failed: {failure}");
        }
    }
}
