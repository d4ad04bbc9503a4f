using System.Buffers.Binary;
using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace SessionsServer.Locking;

/// <summary>A transaction-scoped advisory lock (<c>pg_advisory_xact_lock</c>), its wait bounded by <c>lock_timeout</c> for that transaction only.</summary>
internal sealed class PostgresStoreLock(string connectionString, ILogger logger) : TransactionStoreLock(logger)
{
    private const string LockNotAvailable = "55P03";

    // One statement, so its error is the lock's: the subquery yields its row, and so sets the timeout, before the
    // outer select waits for the lock.
    private const string GetLock = "SELECT pg_advisory_xact_lock(@Id) FROM (SELECT set_config('lock_timeout', @WaitMs, true)) AS timeout;";

    private readonly string _connectionString = new NpgsqlConnectionStringBuilder(connectionString)
    {
        ApplicationName = PoolApplicationName(new NpgsqlConnectionStringBuilder(connectionString).ApplicationName),
    }.ConnectionString;

    public override void Dispose()
    {
        using var connection = new NpgsqlConnection(_connectionString);
        NpgsqlConnection.ClearPool(connection);
    }

    protected override DbConnection CreateConnection() => new NpgsqlConnection(_connectionString);

    protected override void PrepareLock(DbCommand command, string resource, LockDeadline deadline)
    {
        command.CommandText = GetLock;
        // lock_timeout 0 would mean "wait for ever".
        command.Parameters.Add(new NpgsqlParameter("WaitMs", NpgsqlDbType.Text) { Value = $"{Math.Max(1, deadline.StoreWaitMilliseconds)}ms" });
        command.Parameters.Add(new NpgsqlParameter("Id", NpgsqlDbType.Bigint) { Value = LockId(resource) });
    }

    /// <summary>The lock call returns nothing when granted; running out of time is an error (<see cref="IsNotGranted"/>).</summary>
    protected override bool IsGranted(object? result) => true;

    protected override bool IsNotGranted(Exception error) => error is PostgresException { SqlState: LockNotAvailable };

    /// <summary>Advisory locks are named by a number: the first 8 bytes of the (hex) digest.</summary>
    private static long LockId(string resource) => BinaryPrimitives.ReadInt64BigEndian(Convert.FromHexString(resource.AsSpan(0, 16)));
}
