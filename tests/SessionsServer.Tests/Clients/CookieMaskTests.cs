using System.Net;
using FluentAssertions;
using Sessions.Testing.Http;
using Xunit;

namespace SessionsServer.Tests.Clients;

/// <summary>Reports and test output keep the evidence of a cookie (name, attributes, length), never a replayable value.</summary>
public sealed class CookieMaskTests
{
    private const string Value = "CfDJ8APEx%2BhHfjdHqXj2OdBhgEKUKdcDSxi61HBlX5ILHoNmUdoNPHKqOALOLYepTPM8zGEQh34";

    [Fact]
    public void An_exchange_as_reports_show_it_carries_no_cookie_value()
    {
        var response = new SessionResponse("GET https://127.0.0.1:1/session/counter", HttpStatusCode.OK, "application/json",
            [$"Kr.Session={Value}; path=/; secure; samesite=lax; httponly"], """{"counter":1}""", TimeSpan.FromMilliseconds(3));

        var shown = response.ToString();

        shown.Should().NotContain(Value).And.Contain($"Set-Cookie: Kr.Session=CfDJ8A…({Value.Length} chars); path=/; secure; samesite=lax; httponly");
    }

    [Theory]
    [InlineData("Kr.Session=", "Kr.Session=")]
    [InlineData("flag", "flag")]
    [InlineData("a=short; path=/", "a=short; path=/")]
    public void Short_or_empty_values_and_bare_names_are_shown_as_they_are(string cookie, string expected) =>
        CookieMask.Mask(cookie).Should().Be(expected);
}
