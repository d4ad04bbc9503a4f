using System.Net;
using System.Security.Cryptography.X509Certificates;
using FluentAssertions;
using Reqnroll;
using Sessions.Specs.Support.Scenario;
using Sessions.Specs.Support.Http;
using Sessions.Specs.Support.Listener;
using Sessions.Specs.Support.Targets;

namespace Sessions.Specs.Steps.Listener;

/// <summary>The listening socket below HTTP: HTTPS only, loopback only, and the certificate it presents.</summary>
[Binding]
public sealed class ListenerSteps(SessionDriver session, CurrentScenario scenario)
{
    private string? _plainReply;
    private X509Certificate2? _certificate;

    [When("I send a plain-HTTP request to the server's port")]
    public async Task SendPlainHttp()
    {
        var endpoint = await session.EndpointAsync();
        _plainReply = await ListenerProbe.SendPlainHttpAsync(endpoint.BaseAddress, scenario.CancellationToken);
        scenario.Attach($"GET http://{endpoint.BaseAddress.Authority}/hello (plain HTTP)\n-> {(_plainReply.Length == 0 ? "no bytes; the connection was closed" : _plainReply)}");
    }

    [Then("no HTTP response comes back")]
    public void NoHttpResponse()
    {
        var reply = _plainReply ?? throw new InvalidOperationException("No plain-HTTP request was sent.");
        reply.Should().NotStartWith("HTTP/", "an HTTPS-only listener must not serve plain HTTP");
        reply.Should().NotContain("Hello, Session World!");
    }

    [Then("the server's port accepts connections on 127.0.0.1")]
    public async Task AcceptsLoopback()
    {
        var endpoint = await session.EndpointAsync();
        var refused = await ListenerProbe.ConnectAsync(IPAddress.Loopback, endpoint.BaseAddress.Port, scenario.CancellationToken);
        refused.Should().BeNull("the server listens on 127.0.0.1:{0}", endpoint.BaseAddress.Port);
    }

    [Then("the server's port refuses connections on every other address of this machine")]
    public async Task RefusesOthers()
    {
        var endpoint = await session.EndpointAsync();
        if (!ExternalServer.IsLoopback(endpoint.BaseAddress))
        {
            scenario.Skip($"the server at {endpoint.BaseAddress.Host} is not on this machine's loopback, so its other addresses cannot be probed from here");
        }

        var port = endpoint.BaseAddress.Port;
        var lines = new List<string>();
        // 127.0.0.2 is loopback too but not 127.0.0.1: a listener on every address (0.0.0.0) accepts it, one bound to
        // 127.0.0.1 refuses it, so the check can fail even on a machine whose only interface is loopback.
        foreach (var address in ListenerProbe.NonLoopbackAddresses().Append(System.Net.IPAddress.Parse("127.0.0.2")))
        {
            var refused = await ListenerProbe.ConnectAsync(address, port, scenario.CancellationToken);
            lines.Add($"{address}:{port} -> {refused ?? "ACCEPTED"}");
            refused.Should().NotBeNull("the listener must be bound to loopback only, yet {0}:{1} accepted a connection", address, port);
        }

        scenario.Attach(string.Join('\n', lines));
    }

    [When("I open a TLS connection to the server")]
    public async Task Handshake()
    {
        var endpoint = await session.EndpointAsync();
        _certificate = await ListenerProbe.HandshakeAsync(endpoint.BaseAddress, scenario.CancellationToken);
        scenario.Attach($"subject: {_certificate.Subject}\nissuer: {_certificate.Issuer}\nSHA-256: {_certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256)}\nnot after: {_certificate.NotAfter:O}");
    }

    [Then("the certificate is self-signed")]
    public void SelfSigned()
    {
        var certificate = Presented;
        certificate.SubjectName.RawData.Should().Equal(certificate.IssuerName.RawData, "a self-signed certificate is its own issuer");
        // Its own key must verify its signature: a chain that trusts only this certificate then builds to itself.
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(certificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.Build(certificate).Should().BeTrue("the certificate must verify with its own key: {0}",
            string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
        chain.ChainElements.Count.Should().Be(1);
    }

    [Then("the certificate is valid for these names:")]
    public void ValidFor(DataTable names)
    {
        var extension = Presented.Extensions.FirstOrDefault(e => e.Oid?.Value == "2.5.29.17")
            ?? throw new InvalidOperationException("The certificate has no subject alternative names.");
        var san = new X509SubjectAlternativeNameExtension(extension.RawData, extension.Critical);
        var present = san.EnumerateDnsNames().Concat(san.EnumerateIPAddresses().Select(ip => ip.ToString())).ToList();
        scenario.Attach("subject alternative names: " + string.Join(", ", present));
        // A one-column table without a header: Reqnroll reads its first line as the header, so the names are header and rows.
        present.Should().Contain(names.Header.Concat(names.Rows.Select(r => r[0])));
    }

    private X509Certificate2 Presented => _certificate ?? throw new InvalidOperationException("No TLS connection was opened.");
}
