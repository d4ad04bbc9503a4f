using FluentAssertions;
using Gherkin.Runner.Bindings;
using Sessions.Specs.Support.Http;
using Sessions.Specs.Support.Json;

namespace Sessions.Specs.Steps.Requests;

/// <summary>Storing awkward values through /session/set (URL-encoded as a browser would) and reading them back.</summary>
[Binding]
public sealed class ValueSteps(SessionDriver session)
{
    private string? _key;
    private string? _value;

    [When("I set {string} to this value:")]
    public Task SetFromTable(string key, DataTable table) => SetAsync(key, table.Cells.Single().Single());

    [When("I set {string} to a value of {int} characters")]
    public Task SetLong(string key, int length)
    {
        // Letters that change along the value, ending in a marker, so a cut or a shuffled value cannot pass.
        var body = string.Concat(Enumerable.Range(0, length).Select(i => (char)('a' + (i * 7 % 26))));
        return SetAsync(key, body[..^3] + "END");
    }

    [Then("getting {string} gives back that value")]
    public async Task GetBack(string key)
    {
        key.Should().Be(_key, "the step reads the key it set");
        var response = await session.CallAsync($"/session/get?key={Uri.EscapeDataString(key)}");
        ResponseExpectations.IsJson(response, 200, JsonBody.Object(("key", key), ("value", _value)));
    }

    private async Task SetAsync(string key, string value)
    {
        (_key, _value) = (key, value);
        var response = await session.CallAsync($"/session/set?key={Uri.EscapeDataString(key)}&value={Uri.EscapeDataString(value)}");
        ResponseExpectations.IsJson(response, 200, JsonBody.Object(("message", "Stored in session"), ("key", key), ("value", value)));
    }
}
