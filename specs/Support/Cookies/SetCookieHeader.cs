using System.Text;

namespace Sessions.Specs.Support.Cookies;

/// <summary>
/// A raw <c>Set-Cookie</c> header taken apart by hand (RFC 6265 syntax), not by a cookie library, so the assertion
/// sees exactly what a browser would receive.
/// </summary>
public sealed record SetCookieHeader(string Raw, string Name, string Value, IReadOnlyList<KeyValuePair<string, string?>> Attributes)
{
    public const string SessionCookieName = "Kr.Session";

    public static SetCookieHeader Parse(string raw)
    {
        var parts = raw.Split(';', StringSplitOptions.TrimEntries);
        var pair = parts[0];
        var equals = pair.IndexOf('=', StringComparison.Ordinal);
        var name = equals < 0 ? pair : pair[..equals];
        var value = equals < 0 ? "" : pair[(equals + 1)..];
        var attributes = parts.Skip(1).Where(p => p.Length > 0).Select(p =>
        {
            var eq = p.IndexOf('=', StringComparison.Ordinal);
            return eq < 0 ? new KeyValuePair<string, string?>(p, null) : new KeyValuePair<string, string?>(p[..eq].Trim(), p[(eq + 1)..].Trim());
        }).ToList();
        return new SetCookieHeader(raw, name, value, attributes);
    }

    /// <summary>Attribute names are case-insensitive on the wire; a flag such as HttpOnly has an empty value.</summary>
    public bool TryGetAttribute(string name, out string? value)
    {
        foreach (var attribute in Attributes)
        {
            if (string.Equals(attribute.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                value = attribute.Value;
                return true;
            }
        }

        value = null;
        return false;
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

    public override string ToString() => Raw;
}
