using System.Net;
using System.Text.Json;

namespace Sessions.Testing.Http;

/// <summary>What a request returned, kept raw (status, headers, body) so assertions read the wire, not a library's view.</summary>
public sealed record SessionResponse(string RequestLine, HttpStatusCode Status, string? ContentType, IReadOnlyList<string> SetCookieHeaders, string Body, TimeSpan Elapsed)
{
    public int StatusCode => (int)Status;

    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string? JsonString(string property) =>
        Json.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public int? JsonInt(string property) =>
        Json.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : null;

    /// <summary>Request, status and body in one text, for assertion messages and report attachments; cookie values masked.</summary>
    public override string ToString() => $"{RequestLine}\n-> {StatusCode} {Status} ({Elapsed.TotalMilliseconds:0} ms) {ContentType}\n{string.Join('\n', SetCookieHeaders.Select(h => "Set-Cookie: " + CookieMask.Mask(h)))}\n{Body}";
}
