using System.Net.Security;
using System.Security.Cryptography;

namespace Sessions.Testing.Http;

/// <summary>
/// The one HTTPS client handler every driver uses: no cookie container (cookies are sent by hand), no redirects, and
/// the server certificate accepted only when its chain is valid or its SHA-256 is the pinned one. Validation is off
/// only when a caller says so explicitly (a loopback black-box server).
/// </summary>
public static class PinnedHttps
{
    public static SocketsHttpHandler Handler(string? pinnedSha256, bool insecure = false)
    {
        var handler = new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            insecure || errors == SslPolicyErrors.None ||
            (pinnedSha256 is not null && certificate is not null &&
             string.Equals(Convert.ToHexString(certificate.GetCertHash(HashAlgorithmName.SHA256)), pinnedSha256, StringComparison.OrdinalIgnoreCase));
        return handler;
    }
}
