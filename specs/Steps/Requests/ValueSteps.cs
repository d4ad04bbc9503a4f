using FluentAssertions;
using Reqnroll;
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
    // A one-cell table: Reqnroll reads it as the header, so the value is the header's only cell.
    public Task SetFromTable(string key, DataTable table) => SetAsync(key, table.Header.Single());

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

    /// <summary>
    /// Where the tutorial leaves the decoding of a query open (invalid UTF-8, control characters), any faithful server
    /// must still give back from get exactly the key and value its set answer echoed.
    /// </summary>
    [Then("the set is answered with 200, and get gives back exactly the key and value it echoed")]
    public async Task GetBackWhatWasEchoed()
    {
        var set = session.Last;
        ResponseExpectations.HasStatus(set, 200);
        var key = set.JsonString("key") ?? throw new InvalidOperationException($"The set answer echoed no key:\n{set}");
        var value = set.JsonString("value") ?? throw new InvalidOperationException($"The set answer echoed no value:\n{set}");
        var response = await session.CallAsync($"/session/get?key={Uri.EscapeDataString(key)}");
        ResponseExpectations.IsJson(response, 200, JsonBody.Object(("key", key), ("value", value)));
    }

    private async Task SetAsync(string key, string value)
    {
        (_key, _value) = (key, value);
        var response = await session.CallAsync($"/session/set?key={Uri.EscapeDataString(key)}&value={Uri.EscapeDataString(value)}");
        ResponseExpectations.IsJson(response, 200, JsonBody.Object(("message", "Stored in session"), ("key", key), ("value", value)));
    }
}
