using Gherkin.CucumberMessages;
using Gherkin.CucumberMessages.Pickles;
using Io.Cucumber.Messages.Types;

namespace Gherkin.Runner.Features;

/// <summary>Thread-safe id source shared by every message of a run, so ids never collide across documents.</summary>
public sealed class SequentialIds : IIdGenerator
{
    long next = -1;

    public string GetNewId() => Interlocked.Increment(ref next).ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Parses every .feature file under a directory and compiles it to scenario cases.</summary>
public sealed class FeatureCatalog
{
    FeatureCatalog(IReadOnlyList<FeatureFile> features, IReadOnlyList<ScenarioCase> cases)
    {
        Features = features;
        Cases = cases;
    }

    public IReadOnlyList<FeatureFile> Features { get; }

    /// <summary>Every pickle times every target, in file order.</summary>
    public IReadOnlyList<ScenarioCase> Cases { get; }

    public ScenarioCase? Find(string key, string target) =>
        Cases.FirstOrDefault(c => c.Key == key && (c.Target?.Name ?? "") == target);

    /// <param name="directory">Directory searched recursively for *.feature files.</param>
    /// <param name="targets">Empty for no target dimension.</param>
    /// <param name="ids">Id source; shared with the run's messages.</param>
    public static FeatureCatalog Load(string directory, IReadOnlyList<ScenarioTarget> targets, IIdGenerator ids)
    {
        var features = new List<FeatureFile>();
        var cases = new List<ScenarioCase>();
        if (!Directory.Exists(directory)) return new FeatureCatalog(features, cases);

        var root = Path.GetFullPath(directory);
        var prefix = Path.GetFileName(root.TrimEnd(Path.DirectorySeparatorChar));
        var files = Directory.EnumerateFiles(root, "*.feature", SearchOption.AllDirectories)
            .Select(f => (Path: f, Uri: prefix + "/" + Path.GetRelativePath(root, f).Replace('\\', '/')))
            .OrderBy(f => f.Uri, StringComparer.Ordinal);
        foreach (var (path, uri) in files)
        {
            var text = File.ReadAllText(path);
            var source = new Source(uri, text, SourceMediaType.TEXT_X_CUCUMBER_GHERKIN_PLAIN);
            GherkinDocument document;
            List<Pickle> pickles;
            try
            {
                var ast = new Parser().Parse(new StringReader(text));
                document = new AstMessagesConverter(ids).ConvertGherkinDocumentToEventArgs(ast, uri);
                pickles = new PickleCompiler(ids).Compile(document);
            }
            catch (ParserException ex)
            {
                // Listed as a failing case so a broken file is noticed instead of silently running nothing.
                var broken = new FeatureFile(uri, source, null, ex.Message);
                features.Add(broken);
                var line = ex.Location?.Line ?? 1;
                var placeholder = new Pickle(ids.GetNewId(), uri, new Location(line, null), "feature file could not be parsed", "en", [], [], []);
                cases.Add(new ScenarioCase(broken, placeholder, $"{uri}: feature file could not be parsed", null));
                continue;
            }
            var feature = new FeatureFile(uri, source, document, null);
            features.Add(feature);
            cases.AddRange(Expand(feature, pickles, targets, ids, target => ReportCopy(uri, text, target, ids)));
        }
        return new FeatureCatalog(features, cases);
    }

    static IEnumerable<ScenarioCase> Expand(
        FeatureFile feature, List<Pickle> pickles, IReadOnlyList<ScenarioTarget> targets, IIdGenerator ids,
        Func<ScenarioTarget, (FeatureFile Feature, List<Pickle> Pickles)> reportCopy)
    {
        var names = UniqueNames(feature, pickles);
        if (targets.Count == 0)
        {
            for (var i = 0; i < pickles.Count; i++) yield return new ScenarioCase(feature, pickles[i], names[i], null);
            yield break;
        }

        // Target by target, so each target's copy of the document is made once.
        var perTarget = targets.Select(t => (Target: t, Copy: reportCopy(t))).ToList();
        for (var i = 0; i < pickles.Count; i++)
            foreach (var (target, copy) in perTarget)
                yield return new ScenarioCase(feature, ForTarget(copy.Pickles[i], target), $"{names[i]} [{target.Name}]", target, copy.Feature);
    }

    /// <summary>
    /// The HTML report shows one entry per scenario of a document and folds every pickle of that scenario into it,
    /// so with one shared document a skipped target would hide another's pass. Each target therefore gets its own
    /// copy of the document (uri "Features/x.feature [target]") with its own pickles, and the report lists the
    /// feature once per target.
    /// </summary>
    static (FeatureFile Feature, List<Pickle> Pickles) ReportCopy(string uri, string text, ScenarioTarget target, IIdGenerator ids)
    {
        var copyUri = $"{uri} [{target.Name}]";
        var ast = new Parser().Parse(new StringReader(text));
        var document = new AstMessagesConverter(ids).ConvertGherkinDocumentToEventArgs(ast, copyUri);
        var source = new Source(copyUri, text, SourceMediaType.TEXT_X_CUCUMBER_GHERKIN_PLAIN);
        return (new FeatureFile(copyUri, source, document, null), new PickleCompiler(ids).Compile(document));
    }

    /// <summary>The target in the pickle's name (visible in the HTML) and a @target:name tag (filterable in its search).</summary>
    static Pickle ForTarget(Pickle pickle, ScenarioTarget target)
    {
        var tags = pickle.Tags.Append(new PickleTag("@target:" + target.Name, pickle.AstNodeIds[0])).ToList();
        return new Pickle(pickle.Id, pickle.Uri, pickle.Location, $"{pickle.Name} [{target.Name}]", pickle.Language, pickle.Steps, tags, pickle.AstNodeIds);
    }

    /// <summary>
    /// "Feature: Scenario", and when an outline's name has no placeholders (so rows share it) the row's values,
    /// e.g. "Counter: Counting calls (calls: 3)". Distinct names keep test explorer entries and filters apart.
    /// </summary>
    static List<string> UniqueNames(FeatureFile feature, List<Pickle> pickles)
    {
        var rows = ExampleRows(feature.Document!);
        var names = pickles.Select(p => $"{feature.Name}: {p.Name}").ToList();
        var duplicated = names.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        for (var i = 0; i < pickles.Count; i++)
        {
            if (!duplicated.Contains(names[i])) continue;
            if (pickles[i].AstNodeIds.Count > 1 && rows.TryGetValue(pickles[i].AstNodeIds[1], out var values))
                names[i] += $" ({values})";
        }
        // Identical scenarios with identical names are still told apart, by line.
        var stillDuplicated = names.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        for (var i = 0; i < pickles.Count; i++)
            if (stillDuplicated.Contains(names[i])) names[i] += $" (line {pickles[i].Location?.Line})";
        return names;
    }

    static Dictionary<string, string> ExampleRows(GherkinDocument document)
    {
        var rows = new Dictionary<string, string>();
        var scenarios = document.Feature?.Children.SelectMany(c => c.Rule is { } rule
            ? rule.Children.Select(rc => rc.Scenario).OfType<Scenario>()
            : new[] { c.Scenario }.OfType<Scenario>()) ?? [];
        foreach (var examples in scenarios.SelectMany(s => s.Examples))
        {
            if (examples.TableHeader is not { } header) continue;
            foreach (var row in examples.TableBody)
                rows[row.Id] = string.Join(", ", header.Cells.Zip(row.Cells).Select(p => $"{p.First.Value}: {p.Second.Value}"));
        }
        return rows;
    }
}
