using Microsoft.Extensions.Logging;

namespace SessionsBench.Hosting;

/// <summary>
/// A sink that accepts whatever the filter rules let through and writes nothing, so a category can be
/// enabled (changing what the stock session does) without console I/O skewing the numbers.
/// </summary>
public sealed class DiscardLoggerProvider : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => DiscardLogger.Instance;

    public void Dispose()
    {
    }

    private sealed class DiscardLogger : ILogger
    {
        public static readonly DiscardLogger Instance = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
        }
    }
}
