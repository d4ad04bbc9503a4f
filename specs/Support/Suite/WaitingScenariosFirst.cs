using ReqnrollXunit;

namespace Sessions.Specs.Support.Suite;

/// <summary>
/// Idle expiry waits 20 s and more of real time; the tutorial's stack on a slow store waits 3 s per store call. Both
/// mostly sleep, so started first they finish while the busy scenarios run.
/// </summary>
public sealed class WaitingScenariosFirst : TagsFirstOrderer
{
    protected override IReadOnlyList<string> FirstTags { get; } = ["expiry", "slow-store"];
}
