using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace SessionsServer.Hosting;

/// <summary>
/// The server's console format (one line: time, level, category and event id, message, exception) with every session
/// key left out. ASP.NET Core's own session logs the key that the cookie protects in its started (Information), loaded,
/// stored (Debug), expired and read-failure events; with the key, anyone who reads the log can forge that session's
/// cookie. Properties named <c>sessionKey</c> are written as <c>[redacted]</c>; the events themselves stay, since the
/// stock session's Information events change what it reads (the benchmark measures that).
/// </summary>
internal sealed partial class RedactingConsoleFormatter() : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "sessions";

    public const string Redacted = "[redacted]";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.State is IReadOnlyList<KeyValuePair<string, object?>> values && values.Any(value => IsSessionKey(value.Key))
            ? Format(values)
            : logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (string.IsNullOrEmpty(message) && logEntry.Exception is null)
        {
            return;
        }

        textWriter.Write($"{DateTimeOffset.Now:HH:mm:ss} {Level(logEntry.LogLevel)}: {logEntry.Category}[{logEntry.EventId.Id}] {message}");
        if (logEntry.Exception is not null)
        {
            textWriter.Write(' ');
            textWriter.Write(logEntry.Exception.ToString().ReplaceLineEndings(" "));
        }

        textWriter.WriteLine();
    }

    private static bool IsSessionKey(string name) => string.Equals(name, "sessionKey", StringComparison.OrdinalIgnoreCase);

    /// <summary>The message template filled in again, with the session key's value replaced.</summary>
    private static string Format(IReadOnlyList<KeyValuePair<string, object?>> values)
    {
        var template = values.FirstOrDefault(value => value.Key == "{OriginalFormat}").Value as string ?? "";
        return Placeholder().Replace(template, match =>
        {
            var name = match.Groups["name"].Value;
            if (IsSessionKey(name))
            {
                return Redacted;
            }

            var found = values.FirstOrDefault(value => value.Key == name);
            return found.Key is null ? match.Value : Convert.ToString(found.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "(null)";
        });
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => "none",
    };

    [GeneratedRegex(@"\{(?<name>[^{}:,]+)(?:[,:][^{}]*)?\}")]
    private static partial Regex Placeholder();
}
