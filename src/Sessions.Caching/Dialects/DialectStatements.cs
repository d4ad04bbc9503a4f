namespace Sessions.Caching.Dialects;

/// <summary>
/// Every SQL text a dialect can send, formatted once with its quoted names. Parameters used:
/// @Id, @Value, @Expected, @UtcNow, @ExpiresAtTime, @SlidingExpirationInSeconds, @AbsoluteExpiration.
/// The conditional writes report the rows they wrote: 0 when the row held something else.
/// </summary>
/// <param name="SetIfUnchanged">Overwrites the live row only if its value is exactly @Expected.</param>
/// <param name="SetIfAbsent">Inserts the row, or overwrites an expired one; a live row is left as it is.</param>
/// <param name="RemoveIfUnchanged">Deletes the row only if its value is exactly @Expected.</param>
internal sealed record DialectStatements(
    string GetAndSlide,
    string Peek,
    string Refresh,
    string Set,
    string Remove,
    string DeleteExpired,
    string SetIfUnchanged,
    string SetIfAbsent,
    string RemoveIfUnchanged,
    IReadOnlyList<string> CreateTable)
{
    public IEnumerable<string> All =>
        new[] { GetAndSlide, Peek, Refresh, Set, Remove, DeleteExpired, SetIfUnchanged, SetIfAbsent, RemoveIfUnchanged }.Concat(CreateTable);
}
