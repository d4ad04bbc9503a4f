using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using SessionsServer.Stores;

namespace SessionsServer.Sessions;

/// <summary>
/// What the <c>Kr.Session</c> cookie holds: the session key, protected by data protection under the purpose and in
/// the encoding ASP.NET Core's session middleware uses (unpadded base64), so both profiles read each other's cookies.
/// </summary>
internal sealed class SessionCookieFormat(IDataProtectionProvider protection)
{
    /// <summary>The stock middleware's key: a GUID's 36 characters.</summary>
    public const int KeyLength = 36;

    private const string StockPurpose = "SessionMiddleware";

    private readonly IDataProtector _protector = protection.CreateProtector(StockPurpose);

    public static string NewKey() => new Guid(RandomNumberGenerator.GetBytes(16)).ToString();

    public string Protect(string sessionKey) =>
        Convert.ToBase64String(_protector.Protect(Encoding.UTF8.GetBytes(sessionKey))).TrimEnd('=');

    /// <summary>The key the cookie carries, or null when it carries none this key ring can read.</summary>
    public string? Unprotect(string cookie)
    {
        var padded = cookie.PadRight(cookie.Length + (4 - cookie.Length % 4) % 4, '=');
        var bytes = new byte[padded.Length * 3 / 4];
        if (!Convert.TryFromBase64String(padded, bytes, out var length))
        {
            return null;
        }

        try
        {
            var key = Encoding.UTF8.GetString(_protector.Unprotect(bytes[..length]));
            return key.Length == KeyLength ? key : null;
        }
        catch (CryptographicException ex) when (StoreFailures.Describe(ex, "key ring") is null)
        {
            // Tampered, or under a key this ring does not hold: "not one of ours", a fresh session, as the stock one
            // does. A ring that cannot be read at all was refused before this (StoreFailureMiddleware). But a cookie
            // under a key the ring has not loaded makes data protection re-read the ring (in its first two minutes),
            // and when that read fails it wraps the store's error: that cookie may well be ours, so the failure goes
            // up (a 503 that keeps the browser's cookie) instead of replacing the session.
            return null;
        }
    }
}
