namespace Sessions.Caching.Dialects;

/// <summary>
/// Every SQL text a dialect can send, formatted once with its quoted names. Parameters used:
/// @Id, @Value, @UtcNow, @ExpiresAtTime, @SlidingExpirationInSeconds, @AbsoluteExpiration.
/// </summary>
internal sealed record DialectStatements(
    string GetAndSlide,
    string Refresh,
    string Set,
    string Remove,
    string DeleteExpired,
    IReadOnlyList<string> CreateTable)
{
    public IEnumerable<string> All =>
        new[] { GetAndSlide, Refresh, Set, Remove, DeleteExpired }.Concat(CreateTable);
}
