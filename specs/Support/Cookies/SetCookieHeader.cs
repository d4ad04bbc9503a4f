using System.Text;
using Microsoft.Net.Http.Headers;
using Sessions.Testing.Http;

namespace Sessions.Specs.Support.Cookies;

/// <summary>
/// One raw <c>Set-Cookie</c> header as ASP.NET Core's own parser (<see cref="SetCookieHeaderValue"/>) reads it, kept
/// with the raw text so a failure shows exactly what the server sent. A header that parser refuses is a failure too.
/// </summary>
public sealed class SetCookieHeader
{
    public const string SessionCookieName = "Kr.Session";

    private readonly SetCookieHeaderValue _parsed;

    private SetCookieHeader(string raw, SetCookieHeaderValue parsed)
    {
        Raw = raw;
        _parsed = parsed;
    }

    public string Raw { get; }

    public string Name => _parsed.Name.ToString();

    public string Value => _parsed.Value.ToString();

    /// <summary>A header that tells the browser to drop the cookie (empty, or already expired) rather than hold a new one.</summary>
    public bool Removes =>
        _parsed.Value.Length == 0
        || _parsed.Expires is { } expires && expires <= DateTimeOffset.UtcNow
        || _parsed.MaxAge is { } maxAge && maxAge <= TimeSpan.Zero;

    public static SetCookieHeader Parse(string raw) =>
        SetCookieHeaderValue.TryParse(raw, out var parsed) && parsed is not null
            ? new SetCookieHeader(raw, parsed)
            : throw new FormatException($"Not a valid Set-Cookie header: {CookieMask.Mask(raw)}");

    /// <summary>
    /// An attribute by its wire name (case-insensitive); a flag such as HttpOnly is present with a null value. Attributes
    /// the parser does not model (Partitioned, …) are looked up among its extensions.
    /// </summary>
    public bool TryGetAttribute(string name, out string? value)
    {
        (var present, value) = name.ToLowerInvariant() switch
        {
            "httponly" => (_parsed.HttpOnly, null),
            "secure" => (_parsed.Secure, null),
            "path" => (_parsed.Path.HasValue, _parsed.Path.Value),
            "domain" => (_parsed.Domain.HasValue, _parsed.Domain.Value),
            "samesite" => (_parsed.SameSite != SameSiteMode.Unspecified, _parsed.SameSite.ToString()),
            "max-age" => (_parsed.MaxAge.HasValue, _parsed.MaxAge?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            "expires" => (_parsed.Expires.HasValue, _parsed.Expires?.ToString("R")),
            _ => Extension(name),
        };
        return present;
    }

    private (bool, string?) Extension(string name)
    {
        foreach (var extension in _parsed.Extensions.Select(segment => segment.ToString()))
        {
            var equals = extension.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? extension : extension[..equals];
            if (string.Equals(key.Trim(), name, StringComparison.OrdinalIgnoreCase))
            {
                return (true, equals < 0 ? null : extension[(equals + 1)..].Trim());
            }
        }

        return (false, null);
    }

    /// <summary>
    /// Every readable form of the value: as sent, URL-decoded, and the bytes behind its base64 (standard or URL-safe).
    /// A secret that leaks into the cookie shows up in one of them unless it is really encrypted.
    /// </summary>
    public IEnumerable<(string Form, byte[] Bytes)> ValueForms()
    {
        yield return ("as sent", Encoding.UTF8.GetBytes(Value));
        var decoded = Uri.UnescapeDataString(Value);
        yield return ("URL-decoded", Encoding.UTF8.GetBytes(decoded));
        var base64 = decoded.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
        var buffer = new byte[base64.Length];
        if (Convert.TryFromBase64String(base64, buffer, out var written))
        {
            yield return ("base64-decoded", buffer[..written]);
        }
    }

    /// <summary>The header with its value masked (<see cref="CookieMask"/>), for messages and the report.</summary>
    public string Masked => CookieMask.Mask(Raw);

    public override string ToString() => Masked;
}
