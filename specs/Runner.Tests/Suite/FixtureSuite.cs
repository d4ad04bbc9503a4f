using Gherkin.Runner.Features;

namespace Gherkin.Runner.Tests.Suite;

/// <summary>The runner used the way a consuming project uses it: these scenarios appear as test cases of this project.</summary>
public sealed class FixtureSuite : GherkinTestSuite<FixtureSuite>
{
    protected override string FeaturesDirectory => "Fixtures/Suite";

    // Engine tests keep their own bindings in this assembly; the suite must not see them (they would be ambiguous).
    protected override IEnumerable<Type> BindingTypes =>
        typeof(FixtureSuite).Assembly.GetTypes().Where(t => t.Namespace == typeof(FixtureSuite).Namespace);

    protected override IEnumerable<ScenarioTarget> Targets =>
    [
        new("alpha", new TargetInfo("A")),
        new ScenarioTarget("beta", new TargetInfo("B")).SkipTag("store-internals", "black-box target"),
        new ScenarioTarget("gamma").Unavailable("not installed on this machine"),
    ];

    protected override string? LivingDocSubdirectory => "Gherkin.Runner.Tests";
}

/// <summary>The object a target carries; step classes receive it by constructor injection.</summary>
public sealed record TargetInfo(string Code);
