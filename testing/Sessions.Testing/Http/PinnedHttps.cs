using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Sessions.Testing.Http;

/// <summary>
/// The one HTTPS client handler every driver uses: no cookie container (cookies are sent by hand), no redirects, and
/// the server certificate accepted by its SHA-256 when a pin is given (then nothing else passes, not even a certificate
/// the system trusts), else by a valid chain. Validation is off only when a caller says so (a loopback black-box server).
/// </summary>
public static class PinnedHttps
{
    public static SocketsHttpHandler Handler(string? pinnedSha256, bool insecure = false)
    {
        var handler = new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) => Accepts(certificate, errors, pinnedSha256, insecure);
        return handler;
    }

    public static bool Accepts(X509Certificate? certificate, SslPolicyErrors errors, string? pinnedSha256, bool insecure = false) =>
        insecure ||
        (pinnedSha256 is null
            ? errors == SslPolicyErrors.None
            : certificate is not null &&
              string.Equals(Convert.ToHexString(certificate.GetCertHash(HashAlgorithmName.SHA256)), pinnedSha256, StringComparison.OrdinalIgnoreCase));
}
