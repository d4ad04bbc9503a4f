using System.Text.Json;
using FluentAssertions;
using Reqnroll;
using Sessions.Specs.Support.Scenario;
using Sessions.Specs.Support.Faults;
using Sessions.Specs.Support.Instances;

namespace Sessions.Specs.Steps.Operations;

/// <summary>Tampered cookies and hostile keys and values, sent the way a client that means harm would send them.</summary>
[Binding]
public sealed class HostileSteps(Browsers browsers, CurrentScenario scenario)
{
    private CancellationToken Cancellation => scenario.CancellationToken;

    [When("a client calls {string} with a {string} Kr.Session cookie made from the cookie of {string}")]
    public Task CallsWithHostileCookie(string pathAndQuery, string kind, string realBrowser) =>
        browsers.CallWithRawCookieAsync(
            HostileCookies.Header(kind, browsers.SessionCookie(realBrowser), foreign: null),
            pathAndQuery,
            ServerInstances.SharedServer,
            Cancellation);

    [When("a client calls {string} with a {string} Kr.Session cookie made from the cookies of {string} and {string}")]
    public Task CallsWithHostileCookie(string pathAndQuery, string kind, string realBrowser, string foreignBrowser) =>
        browsers.CallWithRawCookieAsync(
            HostileCookies.Header(kind, browsers.SessionCookie(realBrowser), browsers.SessionCookie(foreignBrowser)),
            pathAndQuery,
            ServerInstances.SharedServer,
            Cancellation);

    [When("browser {string} stores each of these keys and values:")]
    public async Task StoresEach(string browser, DataTable table)
    {
        foreach (var row in table.Rows)
        {
            var response = await browsers.CallAsync(browser, SetQuery(row["key"], row["value"]), ServerInstances.SharedServer, Cancellation);
            response.StatusCode.Should().Be(200, response.ToString());
            response.JsonString("key").Should().Be(row["key"], response.ToString());
            response.JsonString("value").Should().Be(row["value"], response.ToString());
        }
    }

    [Then("browser {string} reads each of them back literally:")]
    public async Task ReadsEachBack(string browser, DataTable table)
    {
        foreach (var row in table.Rows)
        {
            var response = await browsers.CallAsync(browser, $"/session/get?key={Uri.EscapeDataString(row["key"])}", ServerInstances.SharedServer, Cancellation);
            response.StatusCode.Should().Be(200, response.ToString());
            response.JsonString("value").Should().Be(row["value"], response.ToString());
        }
    }

    [When("browser {string} stores a key of {int} bytes")]
    public Task StoresLongKey(string browser, int bytes) =>
        browsers.CallAsync(browser, SetQuery(new string('k', bytes), "v"), ServerInstances.SharedServer, Cancellation);

    [When("browser {string} stores {string} with a value of {int} bytes")]
    public Task StoresLongValue(string browser, string key, int bytes) =>
        browsers.CallAsync(browser, SetQuery(key, new string('v', bytes)), ServerInstances.SharedServer, Cancellation);

    /// <param name="key">The key as stored, with JSON escapes (\u0000) so control characters can be written in a feature.</param>
    [Then("it answers 200, and browser {string} reads back key {string} with value {string}")]
    public async Task StoredExactly(string browser, string key, string value)
    {
        var set = browsers.Last;
        var (storedKey, storedValue) = (Unescape(key), Unescape(value));
        set.StatusCode.Should().Be(200, set.ToString());
        set.JsonString("key").Should().Be(storedKey, set.ToString());
        set.JsonString("value").Should().Be(storedValue, set.ToString());
        var get = await browsers.CallAsync(browser, $"/session/get?key={Uri.EscapeDataString(storedKey)}", ServerInstances.SharedServer, Cancellation);
        get.StatusCode.Should().Be(200, get.ToString());
        get.JsonString("value").Should().Be(storedValue, get.ToString());
    }

    private static string Unescape(string jsonEscaped) => JsonSerializer.Deserialize<string>($"\"{jsonEscaped}\"")!;

    private static string SetQuery(string key, string value) =>
        $"/session/set?key={Uri.EscapeDataString(key)}&value={Uri.EscapeDataString(value)}";
}
