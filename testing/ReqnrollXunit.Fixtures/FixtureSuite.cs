using Reqnroll.Plugins;
using ReqnrollXunit;
using Xunit;
using Xunit.Sdk;
using Xunit.v3;

[assembly: RuntimePlugin(typeof(XunitRuntimePlugin))]
[assembly: Parallelization(Mode = ParallelMode.All, Algorithm = ParallelAlgorithm.Aggressive)]
[assembly: TestCaseOrderer(typeof(ReqnrollXunit.Fixtures.FixtureOrderer))]

namespace ReqnrollXunit.Fixtures;

/// <summary>Three targets: one that runs everything, one that skips @internals, one that is unavailable.</summary>
public sealed class FixtureSuite : ScenarioSuite<FixtureSuite>
{
    protected override IEnumerable<ScenarioTarget> Targets =>
    [
        new("alpha", new Engine("A")),
        new ScenarioTarget("beta", new Engine("B")).SkipTag("internals", "black-box target"),
        new ScenarioTarget("gamma").Unavailable("not installed on this machine"),
    ];

    protected override string? LivingDocDirectory => Environment.GetEnvironmentVariable("FIXTURE_LIVING_DOC") ?? Path.Combine(Path.GetTempPath(), "reqnroll-xunit-fixtures");

    protected override void OnReportWritten(string livingDocDirectory) =>
        File.WriteAllText(Path.Combine(livingDocDirectory, "report-written.txt"), "OnReportWritten ran");
}

/// <summary>No tags first; the glue's orderer still puts serial scenarios last and counts what they wait for.</summary>
public sealed class FixtureOrderer : TagsFirstOrderer
{
    protected override IReadOnlyList<string> FirstTags { get; } = [];
}

/// <summary>What a target carries; bindings receive it, and its base class, by constructor injection.</summary>
public class EngineBase(string code)
{
    public string Code { get; } = code;
}

public sealed class Engine(string code) : EngineBase(code);
