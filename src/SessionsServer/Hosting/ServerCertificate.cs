using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SessionsServer.Hosting;

/// <summary>
/// The certificate Kestrel serves: a configured PFX (<c>--cert</c> and its password) or, when none is
/// configured, a self-signed one made at start for localhost, 127.0.0.1 and ::1. Clients pin its SHA-256.
/// </summary>
public sealed class ServerCertificate
{
    private ServerCertificate(X509Certificate2 certificate, bool selfSigned)
    {
        Certificate = certificate;
        IsSelfSigned = selfSigned;
        Sha256Thumbprint = Convert.ToHexString(certificate.GetCertHash(HashAlgorithmName.SHA256));
    }

    public X509Certificate2 Certificate { get; }

    public bool IsSelfSigned { get; }

    /// <summary>Upper-case hex of the SHA-256 of the DER certificate, as clients compare it.</summary>
    public string Sha256Thumbprint { get; }

    public static ServerCertificate FromConfiguration(IConfiguration configuration)
    {
        var path = configuration["cert"];
        if (string.IsNullOrWhiteSpace(path))
        {
            return new ServerCertificate(CreateSelfSigned(), selfSigned: true);
        }

        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"--cert '{path}' does not exist; give the path of a PFX file, or leave --cert out for a self-signed certificate.");
        }

        var loaded = X509CertificateLoader.LoadPkcs12FromFile(path, Password(configuration));
        return new ServerCertificate(loaded, selfSigned: false);
    }

    /// <summary>
    /// The PFX password from, in order: <c>--cert-password</c>, the environment variable <see cref="PasswordVariable"/>, or
    /// the first line of <c>--cert-password-file</c>; the last two keep it out of the process list and shell history.
    /// </summary>
    private static string? Password(IConfiguration configuration)
    {
        if (configuration["cert-password"] is { } given)
        {
            return given;
        }

        if (Environment.GetEnvironmentVariable(PasswordVariable) is { } variable)
        {
            return variable;
        }

        var file = configuration["cert-password-file"];
        if (string.IsNullOrWhiteSpace(file))
        {
            return null;
        }

        if (!File.Exists(file))
        {
            throw new InvalidOperationException($"--cert-password-file '{file}' does not exist.");
        }

        return File.ReadLines(file).FirstOrDefault() ?? "";
    }

    public const string PasswordVariable = "SESSIONS_CERT_PASSWORD";

    private static X509Certificate2 CreateSelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Sessions Demo Server", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));

        var now = DateTimeOffset.UtcNow;
        using var ephemeral = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(365));

        // A round trip through PKCS#12 gives a key that TLS stacks accept on every platform, not only an in-memory handle.
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pfx), password: null);
    }
}
