using Gherkin.Runner;
using Gherkin.Runner.Features;
using Sessions.Specs.Support.Targets;

namespace Sessions.Specs;

/// <summary>
/// The contract's features (Features/*.feature), each scenario one test case per target: an in-process server per
/// store, or one external server in black-box mode. The report goes to artifacts/living-doc/index.html.
/// </summary>
public sealed class ConformanceFeatures : GherkinTestSuite<ConformanceFeatures>
{
    protected override IEnumerable<ScenarioTarget> Targets => TargetMatrix.Targets;
}
