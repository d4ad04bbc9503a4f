using FluentAssertions;
using Sessions.Specs.Support.Hosting;
using Sessions.Specs.Support.Http;
using Sessions.Specs.Support.Stores;
using Xunit;

namespace Sessions.Specs.Routes;

/// <summary>Every route of the contract over real HTTPS, written once and run per store by the small subclasses below.</summary>
public abstract class RouteTests(StoreTarget target) : IAsyncLifetime
{
    private SessionsServerHost? _host;
    private SessionClient? _client;

    private SessionClient Client => _client ?? throw new InvalidOperationException("The server did not start.");

    public async ValueTask InitializeAsync()
    {
        if (!target.IsAvailable)
        {
            return;
        }

        _host = await SessionsServerHost.StartAsync(target.Settings);
        _client = new SessionClient(_host.BaseAddress, _host.CertificateSha256);
    }

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    private void SkipWhenUnavailable() => Assert.SkipWhen(!target.IsAvailable, $"store {target.Name}: {target.SkipReason}");

    private async Task<SessionResponse> Get(string path)
    {
        SkipWhenUnavailable();
        return await Client.GetAsync(path);
    }

    [Fact]
    public async Task Counter_increments_with_the_same_jar_and_starts_again_in_a_new_one()
    {
        (await Get("/session/counter")).JsonInt("counter").Should().Be(1);
        var second = await Get("/session/counter");
        second.JsonInt("counter").Should().Be(2, second.ToString());
        second.JsonString("message").Should().Be("Counter incremented");

        Client.ResetJar();
        (await Get("/session/counter")).JsonInt("counter").Should().Be(1);
    }

    [Fact]
    public async Task Session_cookie_has_the_tutorial_attributes_on_the_wire()
    {
        var response = await Get("/session/counter");
        var cookie = response.SetCookieHeaders.Should().ContainSingle(h => h.StartsWith("Kr.Session=", StringComparison.Ordinal), response.ToString()).Subject;
        var attributes = cookie.Split(';', StringSplitOptions.TrimEntries).Skip(1).Select(a => a.ToLowerInvariant()).ToArray();
        attributes.Should().Contain(["httponly", "secure", "samesite=lax", "path=/"], cookie);
    }

    [Fact]
    public async Task Whoami_is_401_before_login_and_names_the_user_after()
    {
        var before = await Get("/session/whoami");
        before.StatusCode.Should().Be(401, before.ToString());
        before.JsonString("error").Should().Be("No active session or user not set");

        var login = await Get("/session/login?user=max");
        login.StatusCode.Should().Be(200, login.ToString());
        login.JsonString("message").Should().Be("Logged in");
        login.JsonString("user").Should().Be("max");

        var after = await Get("/session/whoami");
        after.StatusCode.Should().Be(200, after.ToString());
        after.JsonString("user").Should().Be("max");
    }

    [Theory]
    [InlineData("/session/login")]
    [InlineData("/session/login?user=")]
    [InlineData("/session/login?user=%20%20")]
    public async Task Login_without_a_user_is_400(string path)
    {
        var response = await Get(path);
        response.StatusCode.Should().Be(400, response.ToString());
        response.JsonString("error").Should().Be("Missing 'user' query parameter");
        response.JsonString("example").Should().Be("/session/login?user=max");
    }

    [Fact]
    public async Task Set_then_get_round_trips_and_an_unknown_key_is_404()
    {
        var set = await Get("/session/set?key=color&value=purple");
        set.StatusCode.Should().Be(200, set.ToString());
        set.JsonString("message").Should().Be("Stored in session");

        var get = await Get("/session/get?key=color");
        get.JsonString("key").Should().Be("color");
        get.JsonString("value").Should().Be("purple", get.ToString());

        var missing = await Get("/session/get?key=shape");
        missing.StatusCode.Should().Be(404, missing.ToString());
        missing.JsonString("error").Should().Be("Key 'shape' not found in session");
    }

    [Theory]
    [InlineData("/session/set?key=color", "Missing 'key' and/or 'value' query parameter(s)", "/session/set?key=color&value=purple")]
    [InlineData("/session/set?value=purple", "Missing 'key' and/or 'value' query parameter(s)", "/session/set?key=color&value=purple")]
    [InlineData("/session/set?key=%20&value=purple", "Missing 'key' and/or 'value' query parameter(s)", "/session/set?key=color&value=purple")]
    [InlineData("/session/get", "Missing 'key' query parameter", "/session/get?key=color")]
    [InlineData("/session/get?key=%09", "Missing 'key' query parameter", "/session/get?key=color")]
    public async Task Missing_parameters_are_400_with_an_example(string path, string error, string example)
    {
        var response = await Get(path);
        response.StatusCode.Should().Be(400, response.ToString());
        response.JsonString("error").Should().Be(error);
        response.JsonString("example").Should().Be(example);
    }

    [Fact]
    public async Task Logout_clears_every_key()
    {
        await Get("/session/login?user=max");
        await Get("/session/counter");
        await Get("/session/set?key=color&value=purple");

        var logout = await Get("/session/logout");
        logout.JsonString("message").Should().Be("Session cleared", logout.ToString());

        (await Get("/session/whoami")).StatusCode.Should().Be(401);
        (await Get("/session/get?key=color")).StatusCode.Should().Be(404);
        (await Get("/session/counter")).JsonInt("counter").Should().Be(1);
    }

    [Fact]
    public async Task Hello_answers_text_and_sets_no_cookie()
    {
        var response = await Get("/hello");
        response.StatusCode.Should().Be(200);
        response.Body.Should().Be("Hello, Session World!");
        response.ContentType.Should().StartWith("text/plain");
        response.SetCookieHeaders.Should().BeEmpty();
    }

    [Fact]
    public async Task Healthz_names_the_store()
    {
        var response = await Get("/healthz");
        response.StatusCode.Should().Be(200, response.ToString());
        response.JsonString("store").Should().Be(target.Name);
    }
}

public sealed class MemoryRouteTests() : RouteTests(StoreTarget.Memory());

public sealed class RedisRouteTests() : RouteTests(StoreTarget.Redis());
