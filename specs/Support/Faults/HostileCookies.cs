using System.Text;

namespace Sessions.Specs.Support.Faults;

/// <summary>
/// Cookie headers a tampering or broken client could send instead of a real Kr.Session cookie. Each is built from a
/// real cookie where the point is "almost right" (truncated, re-encoded, case-flipped), so the server's data
/// protection, not a parser, is what rejects it.
/// </summary>
public static class HostileCookies
{
    public const string CookieName = "Kr.Session";

    public static readonly IReadOnlyList<string> Kinds =
        ["garbage", "truncated", "base64 re-encoded", "case-flipped", "another application's", "8 KB long", "many at once"];

    /// <param name="real">A cookie value this server issued.</param>
    /// <param name="foreign">A cookie value issued by a server with another application name (another key ring).</param>
    public static string Header(string kind, string real, string? foreign) => kind switch
    {
        "garbage" => $"{CookieName}=not-a-session!*()<>@,~{{}}",
        "truncated" => $"{CookieName}={real[..(real.Length / 2)]}",
        "base64 re-encoded" => $"{CookieName}={Convert.ToBase64String(Encoding.UTF8.GetBytes(real))}",
        "case-flipped" => $"{CookieName}={FlipCase(real)}",
        "another application's" => $"{CookieName}={Foreign(foreign, kind)}",
        // Valid base64 of the right alphabet, so it reaches data protection's unprotect before failing.
        "8 KB long" => $"{CookieName}={new string('A', 8 * 1024)}",
        // Several sessions at once, none of them valid: whichever the server picks, it must start a fresh one.
        "many at once" => string.Join("; ", Enumerable.Range(0, 40).Select(i => i switch
        {
            0 => $"{CookieName}={real[..(real.Length / 2)]}",
            1 => $"{CookieName}={Foreign(foreign, kind)}",
            _ => $"{CookieName}=forged-{i}-{Convert.ToBase64String(Encoding.UTF8.GetBytes($"session {i}"))}",
        })),
        _ => throw new ArgumentException($"Unknown hostile cookie kind '{kind}'; use one of: {string.Join(", ", Kinds)}.", nameof(kind)),
    };

    private static string Foreign(string? foreign, string kind) =>
        foreign ?? throw new ArgumentException($"A \"{kind}\" cookie needs a cookie from a server with another application name.", nameof(foreign));

    private static string FlipCase(string value) =>
        string.Concat(value.Select(c => char.IsUpper(c) ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c)));
}
