using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FluentAssertions;
using Sessions.Testing.Http;
using Xunit;

namespace SessionsServer.Tests.Clients;

/// <summary>The drivers' certificate rule: with a pin, only the pinned certificate; without one, only a valid chain.</summary>
public sealed class PinnedHttpsTests
{
    private static readonly X509Certificate2 Served = SelfSigned("CN=served");
    private static readonly string ServedPin = Convert.ToHexString(Served.GetCertHash(HashAlgorithmName.SHA256));
    private static readonly string OtherPin = Convert.ToHexString(SelfSigned("CN=other").GetCertHash(HashAlgorithmName.SHA256));

    [Fact]
    public void With_a_pin_a_certificate_the_system_trusts_is_still_refused_unless_it_is_the_pinned_one()
    {
        PinnedHttps.Accepts(Served, SslPolicyErrors.None, OtherPin).Should().BeFalse();
        PinnedHttps.Accepts(Served, SslPolicyErrors.RemoteCertificateChainErrors, ServedPin.ToLowerInvariant()).Should().BeTrue();
    }

    [Fact]
    public void Without_a_pin_only_a_valid_chain_passes_unless_validation_is_switched_off()
    {
        PinnedHttps.Accepts(Served, SslPolicyErrors.None, pinnedSha256: null).Should().BeTrue();
        PinnedHttps.Accepts(Served, SslPolicyErrors.RemoteCertificateChainErrors, pinnedSha256: null).Should().BeFalse();
        PinnedHttps.Accepts(Served, SslPolicyErrors.RemoteCertificateChainErrors, pinnedSha256: null, insecure: true).Should().BeTrue();
    }

    private static X509Certificate2 SelfSigned(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
    }
}
