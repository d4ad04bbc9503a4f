using System.Collections.Immutable;

namespace ReqnrollXunit;

/// <summary>
/// One value of the target dimension: every scenario runs once per target (e.g. per store or environment).
/// <see cref="Value"/> is registered in each scenario's container under its type and its base classes.
/// </summary>
public sealed record ScenarioTarget(string Name, object? Value = null)
{
    /// <summary>
    /// Targets that share what a @serial-in-lane scenario must have to itself (one store under two configurations)
    /// share a lane; such scenarios run one at a time per lane (<see cref="SerialPhases"/>). By default each target is
    /// its own lane.
    /// </summary>
    public string Lane { get; init; } = Name;

    /// <summary>When set, every scenario on this target is reported skipped with this reason.</summary>
    public string? UnavailableReason { get; init; }

    /// <summary>Tag (without '@') to skip reason, for scenarios this target cannot honour.</summary>
    public ImmutableDictionary<string, string> SkippedTags { get; init; } = ImmutableDictionary<string, string>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase);

    public ScenarioTarget Unavailable(string reason) => this with { UnavailableReason = reason };

    public ScenarioTarget SkipTag(string tag, string reason) => this with { SkippedTags = SkippedTags.SetItem(tag.TrimStart('@'), reason) };

    /// <summary>Why a scenario with these tags (without '@') must not run here, or null when it may.</summary>
    public string? SkipReasonFor(IEnumerable<string> tags)
    {
        if (UnavailableReason is not null)
        {
            return $"Target '{Name}' is unavailable: {UnavailableReason}";
        }

        foreach (var tag in tags)
        {
            if (SkippedTags.TryGetValue(tag, out var reason))
            {
                return $"Target '{Name}' skips @{tag}: {reason}";
            }
        }

        return null;
    }
}
