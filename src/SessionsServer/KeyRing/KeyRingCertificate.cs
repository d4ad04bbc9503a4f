using System.Security.Cryptography.X509Certificates;

namespace SessionsServer.KeyRing;

/// <summary>
/// The certificate that encrypts the key ring at rest (<c>Sessions:KeyRingCertificate</c>), or none. Read while the
/// services are registered, because data protection takes the certificate itself, not a way to find it later.
/// </summary>
public sealed class KeyRingCertificate
{
    public const string Setting = "Sessions:KeyRingCertificate";

    public const string PasswordSetting = "Sessions:KeyRingCertificatePassword";

    public const string PasswordVariable = "SESSIONS_KEYRING_CERT_PASSWORD";

    private KeyRingCertificate(X509Certificate2? certificate) => Certificate = certificate;

    public X509Certificate2? Certificate { get; }

    public static KeyRingCertificate FromConfiguration(IConfiguration configuration)
    {
        var path = configuration[Setting];
        if (string.IsNullOrWhiteSpace(path))
        {
            return new KeyRingCertificate(null);
        }

        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{Setting} '{path}' does not exist; give the path of a PFX file, or leave it out (the key ring is then stored unencrypted).");
        }

        var password = configuration[PasswordSetting] ?? Environment.GetEnvironmentVariable(PasswordVariable);
        return new KeyRingCertificate(X509CertificateLoader.LoadPkcs12FromFile(path, password));
    }
}
