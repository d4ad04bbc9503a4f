using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace Sessions.Testing.Inspection;

/// <summary>
/// Turns a <c>Kr.Session</c> cookie value into the session key the store uses. The cookie is the key protected by
/// the server's data-protection key ring, so only an in-process host (which owns that ring) can do this.
/// </summary>
public sealed class SessionKeys(IServiceProvider serverServices)
{
    // ASP.NET Core's session middleware protects the key under this purpose (nameof(SessionMiddleware)).
    private readonly IDataProtector _protector = serverServices.GetRequiredService<IDataProtectionProvider>().CreateProtector("SessionMiddleware");

    public string FromCookie(string cookieValue)
    {
        var base64 = Uri.UnescapeDataString(cookieValue);
        // The middleware strips nothing, but a cookie round trip may; restore padding before decoding.
        base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
        return Encoding.UTF8.GetString(_protector.Unprotect(Convert.FromBase64String(base64)));
    }
}
