using System.Collections.Specialized;
using Io.Cucumber.Messages.Types;
using Reqnroll;
using Reqnroll.BoDi;
using Xunit;

namespace ReqnrollXunit;

/// <summary>
/// Runs one case through Reqnroll's runtime in the order the generated code would: take a runner from the pool, move
/// it to this case's feature, initialise and start the scenario, run each pickle step, collect errors, end, release.
/// </summary>
internal static class ScenarioExecution
{
    public static async Task RunAsync(System.Reflection.Assembly assembly, ScenarioCase scenario, Action<IObjectContainer, ScenarioCase> configure)
    {
        var feature = scenario.Feature.Info;
        var runner = TestRunnerManager.GetTestRunnerForAssembly(assembly, featureHint: feature);
        try
        {
            if (runner.FeatureContext is { } current && !ReferenceEquals(current.FeatureInfo, feature))
            {
                await runner.OnFeatureEndAsync();
            }

            if (runner.FeatureContext is null)
            {
                await runner.OnFeatureStartAsync(feature);
            }

            var tags = scenario.Pickle.Tags.Select(t => t.Name.TrimStart('@')).ToArray();
            var ignored = tags.Contains("ignore", StringComparer.OrdinalIgnoreCase);
            var info = new ScenarioInfo(scenario.Pickle.Name, "", tags, new OrderedDictionary(), null, scenario.PickleIndex.ToString(System.Globalization.CultureInfo.InvariantCulture));
            runner.OnScenarioInitialize(info, null);
            Register(runner.ScenarioContext.ScenarioContainer, scenario);
            configure(runner.ScenarioContext.ScenarioContainer, scenario);
            try
            {
                if (ignored)
                {
                    await runner.SkipScenarioAsync();
                }
                else
                {
                    await runner.OnScenarioStartAsync();
                    foreach (var step in scenario.Pickle.Steps)
                    {
                        await StepAsync(runner, scenario.Feature, step);
                    }
                }

                await runner.CollectScenarioErrorsAsync();
            }
            finally
            {
                await runner.OnScenarioEndAsync();
            }

            if (ignored)
            {
                Assert.Skip("tagged @ignore");
            }
        }
        finally
        {
            TestRunnerManager.ReleaseTestRunner(runner);
        }
    }

    /// <summary>The case, its target and the target's value (under its type and base classes) for constructor injection.</summary>
    private static void Register(IObjectContainer container, ScenarioCase scenario)
    {
        container.RegisterInstanceAs(scenario);
        if (scenario.Target is not { } target)
        {
            return;
        }

        container.RegisterInstanceAs(target);
        if (target.Value is { } value)
        {
            for (var type = value.GetType(); type is not null && type != typeof(object); type = type.BaseType)
            {
                container.RegisterInstanceAs(value, type);
            }
        }
    }

    private static Task StepAsync(ITestRunner runner, FeatureDocument feature, PickleStep step)
    {
        var keyword = feature.AstStep(step)?.Keyword;
        var docString = step.Argument?.DocString?.Content;
        var table = step.Argument?.DataTable is { } rows ? ToTable(rows) : null;
        return (keyword?.Trim(), step.Type) switch
        {
            ("And", _) => runner.AndAsync(step.Text, docString, table, keyword),
            ("But", _) => runner.ButAsync(step.Text, docString, table, keyword),
            (_, PickleStepType.ACTION) => runner.WhenAsync(step.Text, docString, table, keyword),
            (_, PickleStepType.OUTCOME) => runner.ThenAsync(step.Text, docString, table, keyword),
            _ => runner.GivenAsync(step.Text, docString, table, keyword),
        };
    }

    private static Reqnroll.DataTable ToTable(PickleTable rows)
    {
        var table = new Reqnroll.DataTable(rows.Rows[0].Cells.Select(c => c.Value).ToArray());
        foreach (var row in rows.Rows.Skip(1))
        {
            table.AddRow(row.Cells.Select(c => c.Value).ToArray());
        }

        return table;
    }
}
