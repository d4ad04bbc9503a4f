using FluentAssertions;
using Reqnroll;
using Sessions.Specs.Support.Http;
using Sessions.Specs.Support.Json;
using Sessions.Specs.Support.Targets;

namespace Sessions.Specs.Steps.Responses;

/// <summary>What the last answer must be, in the contract's words: status plus the exact JSON or text.</summary>
[Binding]
public sealed class ResponseSteps(SessionDriver session, ServerUnderTest server)
{
    [Then("the response is {int} with JSON:")]
    public void Json(int status, string json) => ResponseExpectations.IsJson(session.Last, status, json);

    [Then("the response is {int} with error {string}")]
    public void Error(int status, string error) =>
        ResponseExpectations.IsJson(session.Last, status, JsonBody.Object(("error", error)));

    [Then("the response is {int} with error {string} and example {string}")]
    public void ErrorWithExample(int status, string error, string example) =>
        ResponseExpectations.IsJson(session.Last, status, JsonBody.Object(("error", error), ("example", example)));

    [Then("the response is {int} with text {string}")]
    public void Text(int status, string text)
    {
        var response = session.Last;
        ResponseExpectations.HasStatus(response, status);
        response.ContentType.Should().StartWith("text/plain", "the exchange was:\n{0}", response);
        response.Body.Should().Be(text, "the exchange was:\n{0}", response);
    }

    [Then("the counter is {int}")]
    public void Counter(int expected) =>
        ResponseExpectations.IsJson(session.Last, 200, JsonBody.Object(("message", "Counter incremented"), ("counter", expected)));

    [Then("the user is {string}")]
    public void User(string user) => ResponseExpectations.IsJson(session.Last, 200, JsonBody.Object(("user", user)));

    [Then("the value of {string} is {string}")]
    public void Value(string key, string value) =>
        ResponseExpectations.IsJson(session.Last, 200, JsonBody.Object(("key", key), ("value", value)));

    [Then("the health check reports the store as healthy")]
    public void Healthy()
    {
        var response = session.Last;
        ResponseExpectations.HasStatus(response, 200);
        response.JsonString("status").Should().Be("healthy", "the exchange was:\n{0}", response);
        // In black-box mode any store may be behind the server; it must still say which.
        if (server.ExpectedStoreName is { } store)
        {
            response.JsonString("store").Should().Be(store, "the exchange was:\n{0}", response);
        }
        else
        {
            response.JsonString("store").Should().NotBeNullOrWhiteSpace("the exchange was:\n{0}", response);
        }
    }
}
