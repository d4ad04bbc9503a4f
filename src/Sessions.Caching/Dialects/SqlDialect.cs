using System.Data.Common;
using Sessions.Caching.Core;

namespace Sessions.Caching.Dialects;

/// <summary>
/// What differs between engines: SQL text, connection creation and parameter types. Everything else
/// (validation, expiry arithmetic, sweeping, metrics) lives in <c>RelationalDistributedCache</c>.
/// The members the cache calls are internal, so the three shipped dialects are the only ones.
/// </summary>
public abstract class SqlDialect
{
    /// <summary>Store tag used in metrics and messages: "sqlserver", "postgres" or "sqlite".</summary>
    public abstract string StoreName { get; }

    /// <summary>The table as written in the dialect's SQL, e.g. <c>[dbo].[Sessions]</c>.</summary>
    public abstract string QualifiedTableName { get; }

    internal abstract DialectStatements Statements { get; }

    /// <summary>
    /// SQL for a data-protection key table beside the session table, or null where the engine keeps no key
    /// table (SQLite keeps its key ring in a folder beside the database file).
    /// </summary>
    internal virtual KeyRing.KeyRingStatements? KeyRingStatements(string keyTableName) => null;

    internal abstract DbConnection CreateConnection();

    /// <summary>True when the driver error says the table (or its schema) does not exist.</summary>
    internal abstract bool IsMissingTable(DbException error);

    /// <summary>True when a write lost a race that a retry resolves (duplicate key, deadlock victim).</summary>
    internal virtual bool IsWriteConflict(DbException error) => false;

    internal abstract DbParameter IdParameter(string key);

    internal abstract DbParameter ValueParameter(byte[] value);

    internal abstract DbParameter TimeParameter(string name, DateTimeOffset? value);

    internal abstract DbParameter SecondsParameter(string name, long? value);

    internal void PrepareGet(DbCommand command, string key, DateTimeOffset utcNow)
    {
        command.CommandText = Statements.GetAndSlide;
        command.Parameters.Add(IdParameter(key));
        command.Parameters.Add(TimeParameter("UtcNow", utcNow));
    }

    internal void PrepareRefresh(DbCommand command, string key, DateTimeOffset utcNow)
    {
        command.CommandText = Statements.Refresh;
        command.Parameters.Add(IdParameter(key));
        command.Parameters.Add(TimeParameter("UtcNow", utcNow));
    }

    internal void PrepareSet(DbCommand command, string key, byte[] value, EntryExpiration expiration)
    {
        command.CommandText = Statements.Set;
        command.Parameters.Add(IdParameter(key));
        command.Parameters.Add(ValueParameter(value));
        command.Parameters.Add(TimeParameter("ExpiresAtTime", expiration.ExpiresAtTime));
        command.Parameters.Add(SecondsParameter("SlidingExpirationInSeconds", expiration.SlidingExpirationInSeconds));
        command.Parameters.Add(TimeParameter("AbsoluteExpiration", expiration.AbsoluteExpiration));
    }

    internal void PrepareRemove(DbCommand command, string key)
    {
        command.CommandText = Statements.Remove;
        command.Parameters.Add(IdParameter(key));
    }

    internal void PrepareDeleteExpired(DbCommand command, DateTimeOffset utcNow)
    {
        command.CommandText = Statements.DeleteExpired;
        command.Parameters.Add(TimeParameter("UtcNow", utcNow));
    }
}
