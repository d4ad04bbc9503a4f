namespace Sessions.Testing.Http;

/// <summary>
/// A cookie as reports and test output show it: its name, the first characters of its value and the value's length,
/// then its attributes. A session cookie in a report is a session anyone who reads the report could replay.
/// </summary>
public static class CookieMask
{
    private const int Shown = 6;

    /// <summary>"Kr.Session=CfDJ8A…(196 chars); path=/; secure" for "Kr.Session=CfDJ8A…; path=/; secure".</summary>
    public static string Mask(string cookie)
    {
        var end = cookie.IndexOf(';', StringComparison.Ordinal);
        var pair = end < 0 ? cookie : cookie[..end];
        var equals = pair.IndexOf('=', StringComparison.Ordinal);
        if (equals < 0)
        {
            return cookie;
        }

        var value = pair[(equals + 1)..];
        var masked = value.Length <= Shown ? value : $"{value[..Shown]}…({value.Length} chars)";
        return pair[..(equals + 1)] + masked + (end < 0 ? "" : cookie[end..]);
    }
}
