namespace ConformanceMatrix.Requirements;

/// <summary>Which part of the contract a requirement belongs to: what any faithful server must do, or an addition.</summary>
public enum Tier
{
    Contract,
    Extension,
}

/// <summary>One numbered requirement of the contract document.</summary>
/// <param name="Id">For example <c>T4.1</c> or <c>E2.1</c>; scenarios name it as <c>@req-T4.1</c>.</param>
/// <param name="Group">The heading it stands under (a tutorial step, or the extensions).</param>
/// <param name="Profiles">For extensions, the server profiles that make the promise; empty for contract requirements.</param>
public sealed record Requirement(string Id, string Text, Tier Tier, string Group, IReadOnlyList<string> Profiles, string Source)
{
    public const string TagPrefix = "req-";

    public string Tag => TagPrefix + Id;

    public bool IsPromisedBy(string profile) => Tier == Tier.Contract || Profiles.Contains(profile, StringComparer.OrdinalIgnoreCase);
}
