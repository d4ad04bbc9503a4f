using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Sessions.Caching.Tests.Contract;

/// <summary>Keeps every log entry so tests can assert that failures are reported, not swallowed.</summary>
public sealed class ListLogger : ILogger<RelationalDistributedCache>
{
    public ConcurrentQueue<LogEntry> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Enqueue(new LogEntry(logLevel, eventId, formatter(state, exception), exception));
}

public sealed record LogEntry(LogLevel Level, EventId EventId, string Message, Exception? Exception);
