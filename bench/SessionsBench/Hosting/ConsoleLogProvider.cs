using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace SessionsBench.Hosting;

/// <summary>
/// The bench's own log, written through the Spectre console that draws the progress bars, so a line logged mid-run
/// appears above the live display instead of tearing it. Everything goes to stderr: stdout is the tables and the JSON line.
/// </summary>
public sealed class ConsoleLogProvider(IAnsiConsole console) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new ConsoleLog(console);

    public void Dispose()
    {
    }

    private sealed class ConsoleLog(IAnsiConsole console) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var style = logLevel switch
            {
                >= LogLevel.Error => "red",
                LogLevel.Warning => "yellow",
                _ => "grey",
            };
            console.MarkupLine($"[{style}]{Markup.Escape(formatter(state, exception))}[/]");
        }
    }
}
