using System.Text.Json;
using System.Text.Json.Serialization;
using Io.Cucumber.Messages.Types;

namespace Gherkin.Runner.Reporting;

/// <summary>The Cucumber Messages wire format: one envelope per line, camelCase, enums by their upper-case names.</summary>
public static class NdjsonFormat
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
        // The report embeds messages in a page; keep non-ASCII readable but never emit raw control characters.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(Envelope envelope) => JsonSerializer.Serialize(envelope, Options);

    public static Envelope Deserialize(string line) =>
        JsonSerializer.Deserialize<Envelope>(line, Options) ?? throw new JsonException("Empty message line.");

    public static void Write(string path, IEnumerable<Envelope> envelopes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var writer = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false)) { NewLine = "\n" };
        foreach (var envelope in envelopes) writer.WriteLine(Serialize(envelope));
    }

    public static IEnumerable<Envelope> Read(string path) =>
        File.ReadLines(path).Where(l => l.Length > 0).Select(Deserialize);
}
