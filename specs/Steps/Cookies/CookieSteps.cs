using System.Text;
using FluentAssertions;
using Reqnroll;
using Sessions.Specs.Support.Scenario;
using Sessions.Specs.Support.Cookies;
using Sessions.Specs.Support.Http;

namespace Sessions.Specs.Steps.Cookies;

/// <summary>The session cookie as it travels: its attributes from the raw header, and what its value does not reveal.</summary>
[Binding]
public sealed class CookieSteps(SessionDriver session, CurrentScenario scenario)
{
    [Then("the response sets the cookie {string} with these attributes:")]
    public void SetsCookie(string name, DataTable table)
    {
        var response = session.Last;
        var raw = response.SetCookieHeaders.Where(h => SetCookieHeader.Parse(h).Name == name).ToList();
        raw.Should().ContainSingle("the response must set {0} once; the exchange was:\n{1}", name, response);
        var cookie = SetCookieHeader.Parse(raw[0]);
        foreach (var row in table.Rows)
        {
            var attribute = row["attribute"];
            var expected = row["value"];
            cookie.TryGetAttribute(attribute, out var actual).Should().BeTrue("the header must carry {0}: {1}", attribute, cookie.Masked);
            if (expected.Length == 0)
            {
                actual.Should().BeNull("{0} is a flag without a value: {1}", attribute, cookie.Masked);
            }
            else
            {
                // Attribute values such as SameSite are case-insensitive tokens; Path is compared as given.
                var comparison = attribute.Equals("Path", StringComparison.OrdinalIgnoreCase) ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
                string.Equals(actual, expected, comparison).Should().BeTrue("{0} must be {1}, not {2}: {3}", attribute, expected, actual, cookie.Masked);
            }
        }
    }

    [Then("the response sets a new session cookie, not the saved one")]
    public void SetsNewSessionCookie()
    {
        var cookie = SessionCookieOf(session.Last);
        var saved = session.SavedCookieValue ?? throw new InvalidOperationException("No cookie was saved in this scenario.");
        cookie.Should().NotBeNull("the response must set a new Kr.Session; the exchange was:\n{0}", session.Last);
        cookie!.Removes.Should().BeFalse("it must hand out a new key, not remove the cookie: {0}", cookie.Masked);
        cookie.Value.Should().NotBe(saved, "the key must change at login: {0}", cookie.Masked);
    }

    [Then("the response expires the session cookie")]
    public void ExpiresSessionCookie()
    {
        var cookie = SessionCookieOf(session.Last);
        cookie.Should().NotBeNull("the response must expire Kr.Session; the exchange was:\n{0}", session.Last);
        cookie!.Removes.Should().BeTrue("the header must tell the browser to drop the cookie: {0}", cookie.Masked);
    }

    private static SetCookieHeader? SessionCookieOf(Sessions.Testing.Http.SessionResponse response) =>
        response.SetCookieHeaders.Select(SetCookieHeader.Parse).LastOrDefault(c => c.Name == SetCookieHeader.SessionCookieName);

    [Then("the response sets no cookie")]
    public void NoCookie() =>
        session.Last.SetCookieHeaders.Should().BeEmpty("the exchange was:\n{0}", session.Last);

    /// <summary>
    /// A cookie that carries only a protected key stays the same size however much the session holds; one that
    /// carries the data, however encoded, grows with it. The slack covers a server that re-issues its key.
    /// </summary>
    [Then("the session cookie I hold is no longer than the saved one")]
    public void NoLongerThanSaved()
    {
        var saved = session.SavedCookieValue ?? throw new InvalidOperationException("No cookie was saved in this scenario.");
        var held = session.LastSessionCookie?.Value ?? saved;
        scenario.Attach($"saved cookie: {saved.Length} characters; held now: {held.Length} characters");
        held.Length.Should().BeLessThanOrEqualTo(saved.Length + 64, "the cookie must carry a session key only, not the session's data");
    }

    [Then("the session cookie does not contain {string}")]
    public void DoesNotContain(string secret)
    {
        var cookie = session.LastSessionCookie ?? throw new InvalidOperationException("The server set no session cookie in this scenario.");
        var needles = new[] { ("UTF-8", Encoding.UTF8.GetBytes(secret)), ("UTF-16", Encoding.Unicode.GetBytes(secret)) };
        var report = new StringBuilder($"cookie: {cookie.Masked}\n");
        foreach (var (form, bytes) in cookie.ValueForms())
        {
            report.AppendLine($"{form}: {bytes.Length} bytes");
            foreach (var (encoding, needle) in needles)
            {
                bytes.AsSpan().IndexOf(needle).Should().Be(-1, "the cookie must carry only a protected key, yet its {0} form holds \"{1}\" ({2}): {3}", form, secret, encoding, cookie.Masked);
            }
        }

        scenario.Attach(report.ToString());
    }
}
