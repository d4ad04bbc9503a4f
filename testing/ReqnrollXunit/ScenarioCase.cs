using Io.Cucumber.Messages.Types;
using Reqnroll;

namespace ReqnrollXunit;

/// <summary>
/// One runnable pickle (a scenario, or one example row of an outline) on one target: what xunit lists and what the
/// glue hands to Reqnroll's runtime. A feature file that does not parse is one case with <see cref="ParseError"/> set.
/// </summary>
public sealed class ScenarioCase
{
    internal ScenarioCase(FeatureDocument feature, Pickle pickle, int pickleIndex, string displayName, ScenarioTarget? target)
    {
        Feature = feature;
        Pickle = pickle;
        PickleIndex = pickleIndex;
        DisplayName = displayName;
        Target = target;
        Tags = pickle.Tags.Select(t => t.Name.TrimStart('@')).Where(t => !t.StartsWith(TargetTagPrefix, StringComparison.Ordinal)).ToList();
    }

    /// <summary>Each per-target pickle carries <c>@target:NAME</c> in the report, so a reader can filter by target.</summary>
    public const string TargetTagPrefix = "target:";

    internal FeatureDocument Feature { get; }

    internal Pickle Pickle { get; }

    /// <summary>Position of the pickle in its document's pickle list: how Reqnroll ties the run to the report's pickle.</summary>
    internal int PickleIndex { get; }

    /// <summary>"uri:line" of the scenario or example row: stable between discovery and execution.</summary>
    public string Key => $"{Feature.Uri}:{Pickle.Location?.Line}";

    public string FeatureName => Feature.Name;

    public ScenarioTarget? Target { get; }

    public string DisplayName { get; }

    /// <summary>Tags of feature, rule, scenario and examples, without '@'.</summary>
    public IReadOnlyList<string> Tags { get; }

    public string? ParseError => Feature.ParseError;

    public string? SkipReason => Target?.SkipReasonFor(Tags);

    public override string ToString() => DisplayName;
}

/// <summary>
/// One parsed feature file as the report sees it: the original, or with a target its own copy (own ids, the target in
/// the uri and the pickle names), with the <see cref="FeatureInfo"/> Reqnroll compares by reference.
/// </summary>
internal sealed class FeatureDocument(string uri, string fileName, Source source, GherkinDocument? document, IReadOnlyList<Pickle> pickles, string? parseError)
    : Reqnroll.Formatters.RuntimeSupport.IFeatureLevelCucumberMessages
{
    private readonly Dictionary<string, (Step Step, string Keyword)> _steps = Steps(document);
    private FeatureInfo? _info;

    public string Uri { get; } = uri;

    public string FileName { get; } = fileName;

    public string Name => document?.Feature?.Name ?? FileName;

    public string? ParseError { get; } = parseError;

    public bool HasMessages => document is not null;

    public GherkinDocument GherkinDocument => document!;

    public IEnumerable<Pickle> Pickles => pickles;

    public Source Source => source;

    public IReadOnlyList<Pickle> PickleList => pickles;

    /// <summary>One instance for the whole run: the runner pool and the formatters compare features by reference.</summary>
    public FeatureInfo Info => _info ??= new FeatureInfo(
        new System.Globalization.CultureInfo(document?.Feature?.Language ?? "en"),
        Path.GetDirectoryName(Uri) ?? "",
        Name,
        document?.Feature?.Description ?? "",
        ProgrammingLanguage.CSharp,
        document?.Feature?.Tags.Select(t => t.Name.TrimStart('@')).ToArray() ?? [],
        this);

    /// <summary>The keyword a pickle step was written with ("Given ", "And ", "* "), from its AST step.</summary>
    public (Step Step, string Keyword)? AstStep(PickleStep step) =>
        step.AstNodeIds.Count > 0 && _steps.TryGetValue(step.AstNodeIds[0], out var found) ? found : null;

    private static Dictionary<string, (Step, string)> Steps(GherkinDocument? document)
    {
        var steps = new Dictionary<string, (Step, string)>();
        foreach (var child in document?.Feature?.Children ?? [])
        {
            var children = child.Rule is { } rule ? rule.Children.Select(c => (c.Background, c.Scenario)) : [(child.Background, child.Scenario)];
            foreach (var (background, scenario) in children)
            {
                foreach (var step in (background?.Steps ?? []).Concat(scenario?.Steps ?? []))
                {
                    steps[step.Id] = (step, step.Keyword);
                }
            }
        }

        return steps;
    }
}
