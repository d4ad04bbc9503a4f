using System.Globalization;
using System.Text.RegularExpressions;
using Gherkin;
using Gherkin.CucumberMessages;
using Gherkin.CucumberMessages.Pickles;
using Io.Cucumber.Messages.Types;

namespace ReqnrollXunit;

/// <summary>Thread-safe id source shared by every document of a run, so ids never collide across documents.</summary>
internal sealed class SequentialIds : IIdGenerator
{
    private long _next = -1;

    public string GetNewId() => Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture);
}

/// <summary>Parses every .feature file under a directory and compiles it to one case per pickle and target.</summary>
internal sealed partial class FeatureCatalog
{
    private FeatureCatalog(IReadOnlyList<ScenarioCase> cases) => Cases = cases;

    /// <summary>Every pickle times every target, in file order.</summary>
    public IReadOnlyList<ScenarioCase> Cases { get; }

    public ScenarioCase? Find(string key, string target) =>
        Cases.FirstOrDefault(c => c.Key == key && (c.Target?.Name ?? "") == target);

    public static FeatureCatalog Load(string directory, IReadOnlyList<ScenarioTarget> targets)
    {
        var ids = new SequentialIds();
        var cases = new List<ScenarioCase>();
        if (!Directory.Exists(directory))
        {
            return new FeatureCatalog(cases);
        }

        var root = Path.GetFullPath(directory);
        var prefix = Path.GetFileName(root.TrimEnd(Path.DirectorySeparatorChar));
        var files = Directory.EnumerateFiles(root, "*.feature", SearchOption.AllDirectories)
            .Select(f => (Path: f, Uri: prefix + "/" + Path.GetRelativePath(root, f).Replace('\\', '/')))
            .OrderBy(f => f.Uri, StringComparer.Ordinal);
        foreach (var (path, uri) in files)
        {
            var text = File.ReadAllText(path);
            try
            {
                var plain = Compile(uri, text, ids);
                var names = UniqueNames(plain);
                if (targets.Count == 0)
                {
                    cases.AddRange(plain.PickleList.Select((p, i) => new ScenarioCase(plain, p, i, names[i], null)));
                    continue;
                }

                // The HTML report folds every pickle of a scenario into one entry, so with one shared document a skipped
                // target would hide another's pass: each target gets its own copy, and the report lists it per target.
                foreach (var target in targets)
                {
                    var copy = Compile(uri, text, ids, target);
                    cases.AddRange(copy.PickleList.Select((p, i) => new ScenarioCase(copy, p, i, $"{names[i]} [{target.Name}]", target)));
                }
            }
            catch (CompositeParserException ex)
            {
                cases.Add(Unparsable(uri, text, ex, ids));
            }
            catch (ParserException ex)
            {
                cases.Add(Unparsable(uri, text, ex, ids));
            }
        }

        return new FeatureCatalog(cases.OrderBy(c => c.Feature.FileName, StringComparer.Ordinal).ThenBy(c => c.Pickle.Location?.Line).ThenBy(c => c.Target?.Name, StringComparer.Ordinal).ToList());
    }

    private static FeatureDocument Compile(string uri, string text, IIdGenerator ids, ScenarioTarget? target = null)
    {
        var documentUri = target is null ? uri : $"{uri} [{target.Name}]";
        var ast = new Parser().Parse(new StringReader(text));
        var document = new AstMessagesConverter(ids).ConvertGherkinDocumentToEventArgs(ast, documentUri);
        var pickles = new PickleCompiler(ids).Compile(document);
        if (target is not null)
        {
            pickles = pickles.Select(p => new Pickle(
                p.Id, p.Uri, p.Location, $"{p.Name} [{target.Name}]", p.Language, p.Steps,
                p.Tags.Append(new PickleTag("@" + ScenarioCase.TargetTagPrefix + target.Name, p.AstNodeIds[0])).ToList(), p.AstNodeIds)).ToList();
        }

        var source = new Source(documentUri, text, SourceMediaType.TEXT_X_CUCUMBER_GHERKIN_PLAIN);
        return new FeatureDocument(documentUri, uri, source, document, pickles, null);
    }

    /// <summary>
    /// A broken file is one failing case, so it is noticed instead of silently running nothing. Its tags are read off
    /// the lines before "Feature:" so trait filters still select or exclude it.
    /// </summary>
    private static ScenarioCase Unparsable(string uri, string text, System.Exception error, IIdGenerator ids)
    {
        var tags = text.Split('\n').TakeWhile(l => !l.TrimStart().StartsWith("Feature:", StringComparison.Ordinal))
            .SelectMany(l => TagPattern().Matches(l).Select(m => m.Value))
            .Append("@unparsable")
            .Select(t => new PickleTag(t, ""))
            .ToList();
        var pickle = new Pickle(ids.GetNewId(), uri, new Location(1, null), "feature file could not be parsed", "en", [], tags, []);
        var source = new Source(uri, text, SourceMediaType.TEXT_X_CUCUMBER_GHERKIN_PLAIN);
        var feature = new FeatureDocument(uri, uri, source, null, [pickle], error.Message);
        return new ScenarioCase(feature, pickle, 0, $"{uri}: feature file could not be parsed", null);
    }

    /// <summary>
    /// "Feature: Scenario", and when an outline's rows share one name, the row's values, e.g.
    /// "Counter: Counting calls (calls: 3)"; identical names left over are told apart by line.
    /// </summary>
    private static List<string> UniqueNames(FeatureDocument feature)
    {
        var rows = ExampleRows(feature.GherkinDocument);
        var pickles = feature.PickleList;
        var names = pickles.Select(p => $"{feature.Name}: {p.Name}").ToList();
        var duplicated = names.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        for (var i = 0; i < pickles.Count; i++)
        {
            if (duplicated.Contains(names[i]) && pickles[i].AstNodeIds.Count > 1 && rows.TryGetValue(pickles[i].AstNodeIds[1], out var values))
            {
                names[i] += $" ({values})";
            }
        }

        var stillDuplicated = names.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        for (var i = 0; i < pickles.Count; i++)
        {
            if (stillDuplicated.Contains(names[i]))
            {
                names[i] += $" (line {pickles[i].Location?.Line})";
            }
        }

        return names;
    }

    private static Dictionary<string, string> ExampleRows(GherkinDocument document)
    {
        var rows = new Dictionary<string, string>();
        var scenarios = document.Feature?.Children.SelectMany(c => c.Rule is { } rule
            ? rule.Children.Select(rc => rc.Scenario).OfType<Scenario>()
            : new[] { c.Scenario }.OfType<Scenario>()) ?? [];
        foreach (var examples in scenarios.SelectMany(s => s.Examples))
        {
            if (examples.TableHeader is not { } header)
            {
                continue;
            }

            foreach (var row in examples.TableBody)
            {
                rows[row.Id] = string.Join(", ", header.Cells.Zip(row.Cells).Select(p => $"{p.First.Value}: {p.Second.Value}"));
            }
        }

        return rows;
    }

    [GeneratedRegex(@"@[^\s@#]+")]
    private static partial Regex TagPattern();
}
