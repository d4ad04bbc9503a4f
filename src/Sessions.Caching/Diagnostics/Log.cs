using Microsoft.Extensions.Logging;

namespace Sessions.Caching.Diagnostics;

/// <summary>Log events of the session store; ids are stable so alerts can match on them.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Error,
        Message = "Background deletion of expired sessions from {Table} ({Store}) failed; it will be retried after the next interval.")]
    public static partial void SweepFailed(ILogger logger, string table, string store, Exception error);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Debug,
        Message = "Deleted {Count} expired sessions from {Table} ({Store}).")]
    public static partial void SweepCompleted(ILogger logger, int count, string table, string store);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Information,
        Message = "Ensured the session table {Table} ({Store}) exists ({Statements} DDL statements).")]
    public static partial void TableProvisioned(ILogger logger, string table, string store, int statements);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Information,
        Message = "Another server created {Table} ({Store}) at the same moment (attempt {Attempt}); running the idempotent DDL again.")]
    public static partial void CreationRaced(ILogger logger, string table, string store, int attempt, Exception error);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Debug,
        Message = "A concurrent write to {Table} ({Store}) collided (attempt {Attempt}); retrying.")]
    public static partial void WriteRetried(ILogger logger, string table, string store, int attempt, Exception error);
}
