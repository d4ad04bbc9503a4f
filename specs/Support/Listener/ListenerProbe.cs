using System.Net;
using System.Net.NetworkInformation;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Sessions.Specs.Support.Listener;

/// <summary>Looks at the server's listening socket below HTTP: what a plain-HTTP client gets, who may connect, which certificate is served.</summary>
public static class ListenerProbe
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    /// <summary>Sends a plain-HTTP request to the HTTPS port and returns whatever comes back (often nothing) as text.</summary>
    public static async Task<string> SendPlainHttpAsync(Uri server, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port, cancellationToken);
        var stream = client.GetStream();
        var request = $"GET /hello HTTP/1.1\r\nHost: {server.Authority}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Patience);
        var received = new MemoryStream();
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // A reset or a silent server is an answer too: "not served".
        }

        return Encoding.Latin1.GetString(received.ToArray());
    }

    /// <summary>Completes a TLS handshake and returns the certificate the server presented, whoever issued it.</summary>
    public static async Task<X509Certificate2> HandshakeAsync(Uri server, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port, cancellationToken);
        X509Certificate2? presented = null;
        await using var tls = new SslStream(client.GetStream(), leaveInnerStreamOpen: false, (_, certificate, _, _) =>
        {
            // Accepted only to read it: this probe inspects the certificate, it sends nothing over the connection.
            presented = certificate is null ? null : X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
            return true;
        });
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = server.Host }, cancellationToken);
        return presented ?? throw new InvalidOperationException("The server presented no certificate.");
    }

    /// <summary>This machine's own addresses that are not loopback (link-local IPv6 left out: it needs a scope to dial).</summary>
    public static IReadOnlyList<IPAddress> NonLoopbackAddresses() => NetworkInterface.GetAllNetworkInterfaces()
        .Where(n => n.OperationalStatus == OperationalStatus.Up)
        .SelectMany(n => n.GetIPProperties().UnicastAddresses.Select(a => a.Address))
        .Where(a => !IPAddress.IsLoopback(a) && !a.IsIPv6LinkLocal)
        .Distinct()
        .ToList();

    /// <summary>Null when a TCP connection to the address and port is accepted; otherwise why not.</summary>
    public static async Task<string?> ConnectAsync(IPAddress address, int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient(address.AddressFamily);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Patience);
        try
        {
            await client.ConnectAsync(address, port, timeout.Token);
            return null;
        }
        catch (SocketException ex)
        {
            return ex.SocketErrorCode.ToString();
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return "no answer";
        }
    }
}
