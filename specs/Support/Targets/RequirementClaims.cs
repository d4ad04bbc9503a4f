using ConformanceMatrix.Requirements;
using ReqnrollXunit;

namespace Sessions.Specs.Support.Targets;

/// <summary>
/// Which extension requirements a target may be held to. An in-process target runs the extensions its profile
/// promises (docs/contract.md, column "profiles"); a black-box server runs only the contract tier unless it claims
/// extensions through SESSIONS_EXTENSIONS (ids, or "all"). Every other extension scenario is skipped with the reason.
/// </summary>
public static class RequirementClaims
{
    public const string ExtensionsVariable = "SESSIONS_EXTENSIONS";

    /// <summary>docs/contract.md, copied beside the test binaries.</summary>
    public static string ContractPath { get; } = Path.Combine(AppContext.BaseDirectory, "contract.md");

    public static RequirementCatalog Contract { get; } = RequirementCatalog.Load(ContractPath);

    /// <summary>Skips the extensions <paramref name="profile"/> does not promise.</summary>
    public static ScenarioTarget ForProfile(ScenarioTarget target, string profile)
    {
        foreach (var requirement in Contract.Requirements.Where(r => !r.IsPromisedBy(profile)))
        {
            target = target.SkipTag(
                requirement.Tag,
                $"the {profile} profile does not promise {requirement.Id} (promised by: {string.Join(", ", requirement.Profiles)}): {requirement.Text}");
        }

        return target;
    }

    /// <summary>Skips the extensions an external server does not claim through <see cref="ExtensionsVariable"/>.</summary>
    public static ScenarioTarget ForExternal(ScenarioTarget target, string? claims)
    {
        var claimed = (claims ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (claimed.Contains("all"))
        {
            return target;
        }

        foreach (var requirement in Contract.Requirements.Where(r => r.Tier == Tier.Extension && !claimed.Contains(r.Id)))
        {
            target = target.SkipTag(
                requirement.Tag,
                $"black-box mode runs the contract tier; {requirement.Id} is an extension of this project ({requirement.Text}). A server that claims it runs it with {ExtensionsVariable}={requirement.Id} (or all)");
        }

        return target;
    }
}
