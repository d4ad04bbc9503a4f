using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sessions.Specs.Support.Json;

/// <summary>
/// Compares a response body with the contract's JSON as parsed values: property order and spacing are free, but
/// every property, value and type must match and nothing extra may appear (the contract says: parse, do not string-compare).
/// </summary>
public static class JsonBody
{
    /// <summary>Null when the body is exactly the expected JSON; otherwise what is wrong.</summary>
    public static string? Difference(string body, string expectedJson)
    {
        JsonNode? actual;
        try
        {
            actual = JsonNode.Parse(body);
        }
        catch (JsonException ex)
        {
            return $"the body is not JSON ({ex.Message})";
        }

        var expected = JsonNode.Parse(expectedJson);
        return JsonNode.DeepEquals(actual, expected)
            ? null
            : $"expected exactly {expected?.ToJsonString()} but got {actual?.ToJsonString()}";
    }

    /// <summary>Builds the expected object from name/value pairs, so steps state bodies without escaping JSON by hand.</summary>
    public static string Object(params (string Name, object? Value)[] properties)
    {
        var json = new JsonObject();
        foreach (var (name, value) in properties)
        {
            json[name] = JsonSerializer.SerializeToNode(value);
        }

        return json.ToJsonString();
    }
}
