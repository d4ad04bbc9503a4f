using FluentAssertions;
using Flurl.Http;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Session;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.Caching.SqlServer;
using Microsoft.Extensions.DependencyInjection;
using Sessions.Caching;
using Sessions.Testing.Hosting;
using Sessions.Testing.Http;
using Sessions.Testing.Inspection;
using Sessions.Testing.Stores;
using SessionsServer.Hosting;
using SessionsServer.Profiles;
using SessionsServer.Sessions;
using SessionsServer.Stores;
using Xunit;

namespace SessionsServer.Tests.Sessions;

/// <summary>
/// One SQL Server table, two servers: the tutorial profile (DistributedSession over the official SqlServerCache) and the
/// hardened one (LoadOnceSession over the project's cache). A browser's session moves between them in both directions,
/// so the byte layout, the row and the cookie's key ring are one.
/// </summary>
[Trait("Store", "sqlserver")]
[Trait("Category", "interop")]
public sealed class SessionsAcrossProfilesTests(SessionsAcrossProfilesTests.TwoProfiles servers) : IClassFixture<SessionsAcrossProfilesTests.TwoProfiles>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Each_server_runs_the_stack_of_its_profile()
    {
        var (tutorial, hardened) = servers.Started();

        tutorial.Stack.Should().Match<ServerStack>(stack =>
            stack.Profile == "tutorial" && stack.DistributedCache == typeof(SqlServerCache) && stack.CacheGuard == null && stack.Session == typeof(DistributedSession));
        hardened.Stack.Should().Match<ServerStack>(stack =>
            stack.Profile == "hardened" && stack.DistributedCache == typeof(RelationalDistributedCache) && stack.CacheGuard == typeof(GuardedDistributedCache) && stack.Session == typeof(LoadOnceSession));
    }

    [Fact]
    public async Task A_session_the_tutorial_server_wrote_is_served_by_the_hardened_one()
    {
        var (tutorial, hardened) = servers.Started();
        var browser = new CookieJar();

        (await CallAsync(tutorial, browser, "/session/counter")).JsonInt("counter").Should().Be(1);
        await CallAsync(tutorial, browser, "/session/login?user=max");
        var key = servers.SessionKey(browser);

        var moved = await CallAsync(hardened, browser, "/session/counter");
        moved.JsonInt("counter").Should().Be(2, "the hardened server read the tutorial's session: {0}", moved);
        moved.SetCookieHeaders.Should().BeEmpty("the cookie the tutorial server issued is accepted as it is");
        (await CallAsync(hardened, browser, "/session/whoami")).JsonString("user").Should().Be("max");
        await CallAsync(hardened, browser, "/session/set?key=color&value=purple");

        (await CallAsync(tutorial, browser, "/session/get?key=color")).JsonString("value").Should().Be("purple");
        (await CallAsync(tutorial, browser, "/session/counter")).JsonInt("counter").Should().Be(3);
        servers.SessionKey(browser).Should().Be(key, "the browser kept the one cookie throughout");
        (await servers.RowExistsAsync(key, Ct)).Should().BeTrue("both servers wrote the one row of this session");
    }

    [Fact]
    public async Task A_session_the_hardened_server_wrote_is_served_by_the_tutorial_one()
    {
        var (tutorial, hardened) = servers.Started();
        var browser = new CookieJar();

        (await CallAsync(hardened, browser, "/session/counter")).JsonInt("counter").Should().Be(1);
        await CallAsync(hardened, browser, "/session/login?user=ann");
        await CallAsync(hardened, browser, $"/session/set?key={Uri.EscapeDataString("ключ")}&value={Uri.EscapeDataString("значение 🔑")}");
        var key = servers.SessionKey(browser);

        var moved = await CallAsync(tutorial, browser, "/session/counter");
        moved.JsonInt("counter").Should().Be(2, "the tutorial server read the hardened one's session: {0}", moved);
        moved.SetCookieHeaders.Should().BeEmpty("the cookie the hardened server issued is accepted as it is");
        (await CallAsync(tutorial, browser, "/session/whoami")).JsonString("user").Should().Be("ann");
        (await CallAsync(tutorial, browser, $"/session/get?key={Uri.EscapeDataString("ключ")}")).JsonString("value").Should().Be("значение 🔑");
        await CallAsync(tutorial, browser, "/session/logout");

        (await CallAsync(hardened, browser, "/session/whoami")).StatusCode.Should().Be(401, "the tutorial server's logout reached the shared row");
        servers.SessionKey(browser).Should().Be(key, "the browser kept the one cookie throughout");
        (await servers.RowExistsAsync(key, Ct)).Should().BeTrue("both servers wrote the one row of this session");
    }

    private static async Task<SessionResponse> CallAsync(SessionsServerHost host, CookieJar browser, string pathAndQuery)
    {
        using var client = new SessionClient(host.BaseAddress, host.CertificateSha256);
        var response = await client.GetAsync(pathAndQuery, request => request.WithCookies(browser), sendCookies: false, Ct);
        response.StatusCode.Should().BeOneOf([200, 401], "every call of this flow succeeds: {0}", response);
        return response;
    }

    /// <summary>A database of its own on SESSIONS_SQLSERVER (or a SQL Server container), one server of each profile on it.</summary>
    public sealed class TwoProfiles : IAsyncLifetime
    {
        private readonly SqlServerStore _store = new(Environment.GetEnvironmentVariable("SESSIONS_SQLSERVER"));
        private SessionsServerHost? _tutorial;
        private SessionsServerHost? _hardened;
        private string _connectionString = "";

        public (SessionsServerHost Tutorial, SessionsServerHost Hardened) Started()
        {
            if (_store.UnavailableReason is { } reason)
            {
                Assert.Skip($"sqlserver: {reason}");
            }

            return (_tutorial!, _hardened!);
        }

        public async ValueTask InitializeAsync()
        {
            if (_store.UnavailableReason is not null)
            {
                return;
            }

            var settings = await _store.PrepareAsync(CancellationToken.None);
            _connectionString = settings["ConnectionStrings:Sessions"]!;

            // The tutorial server starts first and makes the table (Sessions:CreateTable) and the cookie's key, so the
            // hardened server finds one key ring rather than both making a key of their own at once.
            _tutorial = await SessionsServerHost.StartAsync(WithProfile(settings, "tutorial"));
            _tutorial.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("key ring").Protect([1]);
            _hardened = await SessionsServerHost.StartAsync(WithProfile(settings, "hardened"));
        }

        /// <summary>The store's key of the browser's session, from its Kr.Session cookie, as every server on this key ring reads it.</summary>
        public string SessionKey(CookieJar browser) =>
            new SessionKeys(_tutorial!.Services).FromCookie(browser.Single(cookie => cookie.Name == SessionsServerApp.CookieName).Value);

        public async Task<bool> RowExistsAsync(string sessionKey, CancellationToken cancellationToken)
        {
            await using var connection = new SqlConnection(_connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var row = new SqlCommand("SELECT COUNT(*) FROM [dbo].[Sessions] WHERE Id = @Id", connection);
            row.Parameters.AddWithValue("@Id", sessionKey);
            return (int)(await row.ExecuteScalarAsync(cancellationToken))! == 1;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var host in new[] { _hardened, _tutorial })
            {
                if (host is not null)
                {
                    await host.DisposeAsync();
                }
            }

            await _store.DisposeAsync();
        }

        private static Dictionary<string, string?> WithProfile(IReadOnlyDictionary<string, string?> settings, string profile) =>
            new(settings) { ["Sessions:Profile"] = profile };
    }
}
