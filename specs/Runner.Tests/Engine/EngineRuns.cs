using Gherkin.Runner.Bindings;
using Gherkin.Runner.Execution;
using Gherkin.Runner.Features;

namespace Gherkin.Runner.Tests.Engine;

/// <summary>Builds test runs over Fixtures/Engine through the runner's own API, without xunit in between.</summary>
static class EngineRuns
{
    public static readonly Type[] Steps = [typeof(EngineSteps), typeof(OtherSteps)];

    public static TestRun Create(IEnumerable<Type>? types = null, IReadOnlyList<ScenarioTarget>? targets = null, TimeProvider? clock = null, string directory = "Fixtures/Engine") =>
        TestRun.Create(Path.Combine(AppContext.BaseDirectory, directory), targets ?? [], BindingCatalog.FromTypes(types ?? Steps), clock);

    public static async Task<(ScenarioResult Result, Recorder Recorder)> RunAsync(this TestRun run, string name, string? target = null)
    {
        var pickleName = target is null ? name : $"{name} [{target}]";
        var scenario = run.Catalog.Cases.Single(c => c.Pickle.Name == pickleName);
        var recorder = new Recorder();
        var result = await run.RunAsync(scenario, (container, _) => container.Register(recorder));
        return (result, recorder);
    }
}
