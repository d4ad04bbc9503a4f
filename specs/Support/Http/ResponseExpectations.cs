using FluentAssertions;
using Sessions.Specs.Support.Json;
using Sessions.Testing.Http;

namespace Sessions.Specs.Support.Http;

/// <summary>The contract's checks on one answer; every failure message carries the whole exchange (request, status, body).</summary>
public static class ResponseExpectations
{
    public static void HasStatus(SessionResponse response, int status) =>
        response.StatusCode.Should().Be(status, "that is the contract's status; the exchange was:\n{0}", response);

    /// <summary>Status, a JSON content type, and exactly this JSON value (parsed, so order and spacing are free).</summary>
    public static void IsJson(SessionResponse response, int status, string expectedJson)
    {
        HasStatus(response, status);
        response.ContentType.Should().StartWith("application/json", "every session route answers JSON; the exchange was:\n{0}", response);
        JsonBody.Difference(response.Body, expectedJson).Should().BeNull("the body must be exactly the contract's; the exchange was:\n{0}", response);
    }
}
