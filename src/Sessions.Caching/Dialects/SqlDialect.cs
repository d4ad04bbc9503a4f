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

    /// <summary>
    /// Rows one sweep statement deletes at most; the sweep repeats it until a batch comes back short. Small batches
    /// hold their locks briefly (SQL Server escalates to a table lock at about 5 000 row locks), so requests that
    /// arrive mid-sweep wait for one batch, not for the whole sweep.
    /// </summary>
    internal virtual int SweepBatchRows => DefaultSweepBatchRows;

    private protected const int DefaultSweepBatchRows = 1000;

    internal abstract DialectStatements Statements { get; }

    /// <summary>
    /// Held around every command when the engine allows one writer at a time (SQLite): writers queue here, awaited,
    /// instead of meeting SQLITE_BUSY in the driver, which sleeps 150 ms before each retry. Null: no gate.
    /// </summary>
    internal virtual SemaphoreSlim? WriterGate => null;

    /// <summary>
    /// True when the cache keeps one connection open for all its commands instead of opening one per command; only
    /// with a <see cref="WriterGate"/>, which makes sure one command at a time uses it.
    /// </summary>
    internal virtual bool KeepsConnection => false;

    /// <summary>
    /// True when a read that writes nothing (a peek) may run beside the writer, outside the <see cref="WriterGate"/>,
    /// on a connection of its own (SQLite in WAL mode: readers see the last commit and never wait for the writer).
    /// </summary>
    internal virtual bool ReadsBesideWriter => false;

    /// <summary>A statement run on every connection after it opens (per-connection settings), or null.</summary>
    internal virtual string? ConnectionSetup => null;

    /// <summary>
    /// SQL for a data-protection key table beside the session table, or null where the engine keeps no key
    /// table (SQLite keeps its key ring in a folder beside the database file).
    /// </summary>
    internal virtual KeyRing.KeyRingStatements? KeyRingStatements(string keyTableName) => null;

    internal abstract DbConnection CreateConnection();

    /// <summary>True when the driver error says the table (or its schema) does not exist.</summary>
    internal abstract bool IsMissingTable(DbException error);

    /// <summary>
    /// True when idempotent DDL failed because another server created the same object at the same moment (instances
    /// that start together on an empty database): running it again finds the object and does nothing.
    /// </summary>
    internal virtual bool IsConcurrentCreation(DbException error) => false;

    /// <summary>
    /// Runs one idempotent DDL statement (through <paramref name="run"/>), again when another server created the same
    /// object at the same moment, up to three times; <paramref name="raced"/> hears of each lost race. The session table
    /// and the key table both start this way, so instances that start together on an empty database all come up.
    /// </summary>
    internal async ValueTask CreateAsync(Func<ValueTask> run, Action<int, DbException> raced)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await run().ConfigureAwait(false);
                return;
            }
            catch (DbException error) when (attempt < CreationAttempts && IsConcurrentCreation(error))
            {
                raced(attempt, error);
            }
        }
    }

    private const int CreationAttempts = 3;

    /// <summary>True when a write lost a race that a retry resolves (duplicate key, deadlock victim).</summary>
    internal virtual bool IsWriteConflict(DbException error) => false;

    internal abstract DbParameter IdParameter(string key);

    internal abstract DbParameter ValueParameter(byte[] value);

    /// <summary>@Expected: the value a conditional write compares the stored one with, typed and sized as @Value.</summary>
    internal abstract DbParameter ExpectedParameter(byte[] expected);

    internal abstract DbParameter TimeParameter(string name, DateTimeOffset? value);

    internal abstract DbParameter SecondsParameter(string name, long? value);

    internal void PrepareGet(DbCommand command, string key, DateTimeOffset utcNow)
    {
        command.CommandText = Statements.GetAndSlide;
        command.Parameters.Add(IdParameter(key));
        command.Parameters.Add(TimeParameter("UtcNow", utcNow));
    }

    internal void PreparePeek(DbCommand command, string key, DateTimeOffset utcNow)
    {
        command.CommandText = Statements.Peek;
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

    /// <param name="expected">The value the writer read, or null when it read no live row.</param>
    internal void PrepareSetIfUnchanged(DbCommand command, string key, byte[]? expected, byte[] value, EntryExpiration expiration, DateTimeOffset utcNow)
    {
        command.CommandText = expected is null ? Statements.SetIfAbsent : Statements.SetIfUnchanged;
        command.Parameters.Add(IdParameter(key));
        command.Parameters.Add(ValueParameter(value));
        if (expected is not null)
        {
            command.Parameters.Add(ExpectedParameter(expected));
        }

        command.Parameters.Add(TimeParameter("UtcNow", utcNow));
        command.Parameters.Add(TimeParameter("ExpiresAtTime", expiration.ExpiresAtTime));
        command.Parameters.Add(SecondsParameter("SlidingExpirationInSeconds", expiration.SlidingExpirationInSeconds));
        command.Parameters.Add(TimeParameter("AbsoluteExpiration", expiration.AbsoluteExpiration));
    }

    internal void PrepareRemoveIfUnchanged(DbCommand command, string key, byte[] expected)
    {
        command.CommandText = Statements.RemoveIfUnchanged;
        command.Parameters.Add(IdParameter(key));
        command.Parameters.Add(ExpectedParameter(expected));
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
