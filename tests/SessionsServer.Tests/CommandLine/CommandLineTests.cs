using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FluentAssertions;
using Flurl.Http;
using Sessions.Testing.Hosting;
using Sessions.Testing.Http;
using Sessions.Testing.Stores;
using Xunit;

namespace SessionsServer.Tests.CommandLine;

/// <summary>How the server behaves as a program: refused settings, a certificate from the command line, schema create.</summary>
public sealed class CommandLineTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("--Sessions:Store=oracle", "Sessions:Store 'oracle' is not a known store; use one of: sqlite, sqlserver, postgres, redis, memory.")]
    [InlineData("--Sessions:Store=postgres", "ConnectionStrings:Sessions is required when Sessions:Store is 'postgres'")]
    [InlineData("--Sessions:IdleTimeoutSeconds=-5", "Sessions:IdleTimeoutSeconds must be a positive number of seconds (was -5).")]
    [InlineData("--Sessions:IOTimeoutSeconds=0", "Sessions:IOTimeoutSeconds must be a positive number of seconds (was 0).")]
    [InlineData("--port=70000", "port (--port or PORT) must be a whole number from 0 to 65535")]
    [InlineData("--cert=/nonexistent/server.pfx", "--cert '/nonexistent/server.pfx' does not exist")]
    [InlineData("--Kestrel:Endpoints:Open:Url=http://0.0.0.0:8099", "Kestrel:Endpoints (Open) is not supported: the server listens only on https://127.0.0.1")]
    public async Task A_bad_setting_stops_the_server_with_one_line_and_no_stack_trace(string argument, string expected)
    {
        var (exitCode, output, error) = await ServerProcess.RunToExitAsync([argument], Ct);

        exitCode.Should().Be(2, error);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.Should().ContainSingle(error).Which.Should().StartWith("Sessions Demo Server cannot start: ").And.Contain(expected);
        (output + error).Should().NotContain("   at ", "a refused start prints no stack trace");
    }

    /// <summary>The password from the command line, the environment or a file; the last two keep it out of `ps` and history.</summary>
    [Theory]
    [InlineData("argument")]
    [InlineData("environment")]
    [InlineData("file")]
    public async Task A_certificate_given_with_cert_is_served_and_its_sha256_logged(string passwordFrom)
    {
        const string password = "s3cret pass";
        var pfx = Path.Combine(Path.GetTempPath(), $"sessions_cert_{Guid.NewGuid():N}.pfx");
        var passwordFile = pfx + ".password";
        var expected = WriteCertificate(pfx, password);
        await File.WriteAllTextAsync(passwordFile, password + "\n", Ct);
        try
        {
            var arguments = new List<string> { "--Sessions:Store=memory", "--port=0", $"--cert={pfx}" };
            var environment = new Dictionary<string, string>();
            switch (passwordFrom)
            {
                case "argument": arguments.Add($"--cert-password={password}"); break;
                case "environment": environment["SESSIONS_CERT_PASSWORD"] = password; break;
                default: arguments.Add($"--cert-password-file={passwordFile}"); break;
            }

            var (server, port) = await ServerProcess.StartListeningAsync(arguments, Ct, environment);
            await using (server)
            {
                server.StandardOutput.Should().Contain($"SHA-256 {expected}").And.Contain("from --cert");
                using var client = new SessionClient(new Uri($"https://127.0.0.1:{port}"), expected);
                var counter = await client.GetAsync("/session/counter", cancellationToken: Ct);
                counter.StatusCode.Should().Be(200, counter.ToString());
                (server.StandardOutput + server.StandardError).Should().NotContain(password, "the certificate password is never logged");
            }
        }
        finally
        {
            File.Delete(pfx);
            File.Delete(passwordFile);
        }
    }

    /// <summary>
    /// Keys stored readable beside the sessions let whoever reads the store forge cookies: without a certificate the
    /// server says so once at start; with one the key files hold only encrypted secrets, and a restarted server (same
    /// certificate, same key folder) still reads the cookie it issued.
    /// </summary>
    [Fact]
    public async Task The_key_ring_is_encrypted_at_rest_with_Sessions_KeyRingCertificate_and_the_server_warns_without_it()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"sessions_ring_{Guid.NewGuid():N}");
        var pfx = Path.Combine(folder, "ring.pfx");
        Directory.CreateDirectory(folder);
        WriteCertificate(pfx, "ring pass");
        var keys = Path.Combine(folder, "keys");
        var encrypted = new[] { "--Sessions:Store=memory", "--port=0", $"--Sessions:KeyRingPath={keys}", $"--Sessions:KeyRingCertificate={pfx}" };
        var password = new Dictionary<string, string> { ["SESSIONS_KEYRING_CERT_PASSWORD"] = "ring pass" };
        try
        {
            var (plain, plainPort) = await ServerProcess.StartListeningAsync(["--Sessions:Store=memory", "--port=0", $"--Sessions:KeyRingPath={Path.Combine(folder, "plain")}"], Ct);
            await using (plain)
            {
                using var client = new SessionClient(new Uri($"https://127.0.0.1:{plainPort}"), pinnedSha256: null, insecure: true);
                (await client.GetAsync("/session/counter", cancellationToken: Ct)).StatusCode.Should().Be(200);
                plain.StandardOutput.Should().Contain("is stored unencrypted").And.Contain("Sessions:KeyRingCertificate");
            }

            string cookie;
            var (first, firstPort) = await ServerProcess.StartListeningAsync(encrypted, Ct, password);
            await using (first)
            {
                using var client = new SessionClient(new Uri($"https://127.0.0.1:{firstPort}"), pinnedSha256: null, insecure: true);
                var counter = await client.GetAsync("/session/counter", cancellationToken: Ct);
                counter.StatusCode.Should().Be(200, counter.ToString());
                cookie = counter.SetCookieHeaders.Single().Split(';')[0];
                first.StandardOutput.Should().Contain("encrypted at rest").And.NotContain("stored unencrypted");
            }

            var keyFiles = Directory.GetFiles(keys, "*.xml");
            keyFiles.Should().NotBeEmpty();
            foreach (var file in keyFiles)
            {
                var xml = await File.ReadAllTextAsync(file, Ct);
                xml.Should().Contain("encryptedSecret").And.NotContain("<value>", "the master key must not be stored readable: {0}", file);
            }

            var (second, secondPort) = await ServerProcess.StartListeningAsync(encrypted, Ct, password);
            await using (second)
            {
                // A memory store forgets the session, but the cookie must still be read (decrypted key ring): a fresh
                // counter under the same cookie, with no new cookie issued for an unreadable one.
                using var client = new SessionClient(new Uri($"https://127.0.0.1:{secondPort}"), pinnedSha256: null, insecure: true);
                var again = await client.GetAsync("/session/counter", request => request.WithHeader("Cookie", cookie), sendCookies: false, cancellationToken: Ct);
                again.StatusCode.Should().Be(200, again.ToString());
                (second.StandardOutput + second.StandardError).Should().NotContain("Error unprotecting the session cookie");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// The stock session logs the key its cookie protects (Information when a session starts, Debug when one is loaded
    /// or stored); the server's appsettings log that category at Debug, as the tutorial does. The events stay, the key
    /// does not, and no cookie value reaches the log either.
    /// </summary>
    [Theory]
    [InlineData("tutorial")]
    [InlineData("hardened")]
    public async Task No_session_key_or_cookie_value_reaches_the_log(string profile)
    {
        var (server, port) = await ServerProcess.StartListeningAsync(["--Sessions:Store=memory", "--port=0", $"--Sessions:Profile={profile}"], Ct);
        await using (server)
        {
            using var client = new SessionClient(new Uri($"https://127.0.0.1:{port}"), pinnedSha256: null, insecure: true);
            var cookies = new List<string>();
            foreach (var path in new[] { "/session/counter", "/session/login?user=max", "/session/whoami", "/session/counter", "/session/logout" })
            {
                var response = await client.GetAsync(path, cancellationToken: Ct);
                response.StatusCode.Should().Be(200, response.ToString());
                // A logout in the hardened profile expires the cookie with an empty value: nothing secret to look for.
                cookies.AddRange(response.SetCookieHeaders.Select(header => header.Split(';')[0].Split('=', 2)[1]).Where(value => value.Length > 0));
            }

            var log = server.StandardOutput + server.StandardError;
            cookies.Should().NotBeEmpty();
            foreach (var cookie in cookies)
            {
                log.Should().NotContain(cookie).And.NotContain(Uri.UnescapeDataString(cookie));
            }

            log.Should().NotMatchRegex(@"Key:\s*[0-9a-fA-F]{8}-", "a session key (a GUID) must not be logged:\n" + log);
            if (profile == "tutorial")
            {
                log.Should().Contain("Session started; Key:[redacted]", "the stock session's own event stays, without its key");
            }
        }
    }

    [Fact]
    public async Task Schema_create_on_sqlite_is_safe_to_repeat_and_makes_a_table_the_server_uses() =>
        await SchemaCreateAsync(new SqliteStore());

    [Fact]
    public async Task Schema_create_on_postgres_is_safe_to_repeat_and_makes_a_table_the_server_uses() =>
        await SchemaCreateAsync(new PostgresStore(Environment.GetEnvironmentVariable("SESSIONS_POSTGRES"), leastPrivilege: true));

    [Fact]
    public async Task Schema_create_on_sqlserver_is_safe_to_repeat_and_makes_a_table_the_server_uses() =>
        await SchemaCreateAsync(new SqlServerStore(Environment.GetEnvironmentVariable("SESSIONS_SQLSERVER"), leastPrivilege: true));

    /// <summary>
    /// Runs the command twice on a store of its own, then starts a server that may NOT create tables: its first
    /// session works only if the command made both the session table and the key table.
    /// </summary>
    private static async Task SchemaCreateAsync(StoreProvisioner store)
    {
        await using var _ = store;
        Assert.SkipWhen(store.UnavailableReason is not null, $"store {store.Name}: {store.UnavailableReason}");
        var settings = (await store.PrepareAsync(Ct)).Where(s => s.Key != "Sessions:CreateTable").ToDictionary();
        string[] arguments = ["schema", "create", .. settings.Select(s => $"--{s.Key}={s.Value}")];

        var first = await ServerProcess.RunToExitAsync(arguments, Ct);
        first.ExitCode.Should().Be(0, first.Error);
        first.Output.Should().Contain("CREATE TABLE").And.Contain("is ready");
        var second = await ServerProcess.RunToExitAsync(arguments, Ct);
        second.ExitCode.Should().Be(0, second.Error);

        await using var host = await SessionsServerHost.StartAsync(new Dictionary<string, string?>(settings) { ["Sessions:CreateTable"] = "false" });
        using var client = new SessionClient(host.BaseAddress, host.CertificateSha256);
        var started = await client.GetAsync("/session/counter", cancellationToken: Ct);
        started.JsonInt("counter").Should().Be(1, started.ToString());
        var again = await client.GetAsync("/session/counter", cancellationToken: Ct);
        again.JsonInt("counter").Should().Be(2, again.ToString());
    }

    private static string WriteCertificate(string path, string password)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return Convert.ToHexString(certificate.GetCertHash(HashAlgorithmName.SHA256));
    }
}
