using Gherkin;
using Gherkin.Ast;

namespace ConformanceMatrix.Requirements;

/// <summary>
/// Checks that features and contract agree: every requirement has a scenario, and every scenario names at least one
/// known requirement and exactly one tier (<c>@contract</c> or <c>@extension</c>) that matches its requirements' ids.
/// Tags count from the feature, rule, scenario and examples, as Cucumber inherits them.
/// </summary>
public static class RequirementCoverage
{
    public const string ContractTag = "contract";

    public const string ExtensionTag = "extension";

    /// <summary>Every problem found, one line each; empty when features and contract agree.</summary>
    public static IReadOnlyList<string> Check(RequirementCatalog catalog, IEnumerable<string> featurePaths)
    {
        var problems = new List<string>();
        var covered = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var path in featurePaths)
        {
            var document = new Parser().Parse(path);
            if (document.Feature is not { } feature)
            {
                continue;
            }

            foreach (var (name, line, tags) in Scenarios(feature))
            {
                var where = $"{Path.GetFileName(path)}:{line} '{name}'";
                var tiers = tags.Where(t => t is ContractTag or ExtensionTag).Distinct().ToList();
                var ids = tags.Where(t => t.StartsWith(Requirement.TagPrefix, StringComparison.OrdinalIgnoreCase)).Select(t => t[Requirement.TagPrefix.Length..]).ToList();
                if (tiers.Count != 1)
                {
                    problems.Add($"{where} has {(tiers.Count == 0 ? "no tier" : "both tiers")}: tag it @{ContractTag} or @{ExtensionTag}.");
                }

                if (ids.Count == 0)
                {
                    problems.Add($"{where} names no requirement: tag it @{Requirement.TagPrefix}<id>.");
                }

                foreach (var id in ids)
                {
                    if (catalog.Find(id) is not { } requirement)
                    {
                        problems.Add($"{where} names @{Requirement.TagPrefix}{id}, which the contract does not number.");
                        continue;
                    }

                    covered.Add(requirement.Id);
                    var expected = requirement.Tier == Tier.Contract ? ContractTag : ExtensionTag;
                    if (tiers.Count == 1 && tiers[0] != expected)
                    {
                        problems.Add($"{where} is @{tiers[0]} but {requirement.Id} is {(expected == ContractTag ? "a contract" : "an extension")} requirement.");
                    }
                }
            }
        }

        problems.AddRange(catalog.Requirements.Where(r => !covered.Contains(r.Id)).Select(r => $"{r.Id} has no scenario: \"{r.Text}\""));
        return problems;
    }

    private static IEnumerable<(string Name, long Line, List<string> Tags)> Scenarios(Feature feature)
    {
        var featureTags = Names(feature.Tags);
        foreach (var child in feature.Children)
        {
            switch (child)
            {
                case Scenario scenario:
                    foreach (var item in Expand(scenario, featureTags))
                    {
                        yield return item;
                    }

                    break;
                case Rule rule:
                    var ruleTags = featureTags.Concat(Names(rule.Tags)).ToList();
                    foreach (var item in rule.Children.OfType<Scenario>().SelectMany(s => Expand(s, ruleTags)))
                    {
                        yield return item;
                    }

                    break;
            }
        }
    }

    private static IEnumerable<(string, long, List<string>)> Expand(Scenario scenario, IEnumerable<string> inherited)
    {
        var tags = inherited.Concat(Names(scenario.Tags)).ToList();
        var examples = scenario.Examples.ToList();
        if (examples.Count == 0)
        {
            yield return (scenario.Name, scenario.Location.Line, tags);
            yield break;
        }

        foreach (var block in examples)
        {
            yield return (scenario.Name, block.Location.Line, tags.Concat(Names(block.Tags)).ToList());
        }
    }

    private static IEnumerable<string> Names(IEnumerable<Tag> tags) => tags.Select(t => t.Name.TrimStart('@'));
}
