using System.Text.RegularExpressions;

namespace ConformanceMatrix.Requirements;

/// <summary>
/// The requirements of a contract written in Markdown: every table row whose first cell is an id (<c>T1.2</c>,
/// <c>E3</c>) is one requirement, grouped under the nearest <c>##</c> heading. Ids starting with T are the contract
/// tier; ids starting with E are extensions and carry a profiles column before the source.
/// </summary>
public sealed partial class RequirementCatalog
{
    private readonly Dictionary<string, Requirement> _byId;

    private RequirementCatalog(IReadOnlyList<Requirement> requirements, IReadOnlyList<string> groups)
    {
        Requirements = requirements;
        Groups = groups;
        _byId = requirements.ToDictionary(r => r.Id, StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<Requirement> Requirements { get; }

    /// <summary>Headings in document order; the matrix shows requirements grouped under them.</summary>
    public IReadOnlyList<string> Groups { get; }

    public Requirement? Find(string id) => _byId.GetValueOrDefault(id);

    public static RequirementCatalog Load(string path) => Parse(File.ReadAllText(path));

    public static RequirementCatalog Parse(string markdown)
    {
        var requirements = new List<Requirement>();
        var groups = new List<string>();
        var group = "";
        foreach (var raw in markdown.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                group = line[3..].Trim();
                continue;
            }

            if (!line.StartsWith('|'))
            {
                continue;
            }

            var cells = line.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            if (cells.Length < 3 || !IdPattern().IsMatch(cells[0]))
            {
                continue;
            }

            var id = cells[0];
            if (requirements.Any(r => r.Id.Equals(id, StringComparison.OrdinalIgnoreCase)))
            {
                throw new FormatException($"Requirement {id} is numbered twice in the contract.");
            }

            var tier = id[0] == 'T' ? Tier.Contract : Tier.Extension;
            if (tier == Tier.Extension && cells.Length < 4)
            {
                throw new FormatException($"Extension {id} needs a profiles column before its source.");
            }

            var profiles = tier == Tier.Extension
                ? cells[2].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : [];
            if (!groups.Contains(group))
            {
                groups.Add(group);
            }

            requirements.Add(new Requirement(id, cells[1], tier, group, profiles, cells[^1]));
        }

        return new RequirementCatalog(requirements, groups);
    }

    [GeneratedRegex(@"^[TE]\d+(\.\d+)*$")]
    private static partial Regex IdPattern();
}
