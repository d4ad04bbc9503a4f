using Io.Cucumber.Messages.Types;

namespace Gherkin.Runner.Features;

/// <summary>A parsed feature file with the messages the report needs about it.</summary>
public sealed record FeatureFile(string Uri, Source Source, GherkinDocument? Document, string? ParseError)
{
    public string Name => Document?.Feature?.Name ?? Uri;
}

/// <summary>One runnable pickle (scenario or outline example row), optionally bound to a target.</summary>
public sealed class ScenarioCase(FeatureFile feature, Pickle pickle, string displayName, ScenarioTarget? target, FeatureFile? reportFeature = null)
{
    public FeatureFile Feature { get; } = feature;

    /// <summary>The document the report shows this case under: the feature itself, or with a target its per-target copy.</summary>
    public FeatureFile ReportFeature { get; } = reportFeature ?? feature;

    /// <summary>The compiled pickle; with a target, a copy with its own ids, the target in its name and a @target tag.</summary>
    public Pickle Pickle { get; } = pickle;

    /// <summary>"uri:line" of the scenario or example row: stable between discovery and execution.</summary>
    public string Key => $"{Feature.Uri}:{Pickle.Location?.Line}";

    public ScenarioTarget? Target { get; } = target;

    public string DisplayName { get; } = displayName;

    /// <summary>Tags of feature, rule, scenario and examples, without '@'.</summary>
    public IReadOnlyList<string> Tags { get; } = pickle.Tags.Select(t => t.Name.TrimStart('@')).Where(t => !t.StartsWith("target:", StringComparison.Ordinal)).ToList();

    /// <summary>@serial scenarios must not overlap with any other scenario.</summary>
    public bool IsSerial => Tags.Contains("serial", StringComparer.OrdinalIgnoreCase);

    public string? SkipReason => Target?.SkipReasonFor(Tags);

    public override string ToString() => DisplayName;
}
