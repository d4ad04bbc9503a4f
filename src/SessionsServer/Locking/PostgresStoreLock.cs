using System.Buffers.Binary;
using Npgsql;
using NpgsqlTypes;

namespace SessionsServer.Locking;

/// <summary>
/// A transaction-scoped advisory lock (<c>pg_advisory_xact_lock</c>) on a connection of its own: it ends with the
/// transaction, so a holder whose process died loses it when PostgreSQL sees the connection go, and the wait is
/// bounded by <c>lock_timeout</c> set for that transaction only. Its connections come from a pool of their own
/// (another application name), because a request holds one for its whole length.
/// </summary>
internal sealed class PostgresStoreLock(string connectionString) : IStoreLock, IDisposable
{
    private const string LockNotAvailable = "55P03";

    private const string GetLock = "SELECT set_config('lock_timeout', @WaitMs, true); SELECT pg_advisory_xact_lock(@Id);";

    private readonly string _connectionString = new NpgsqlConnectionStringBuilder(connectionString)
    {
        ApplicationName = $"{new NpgsqlConnectionStringBuilder(connectionString).ApplicationName} session locks".Trim(),
    }.ConnectionString;

    public async Task<IAsyncDisposable> AcquireAsync(string resource, TimeSpan lease, LockDeadline deadline, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(deadline.Remaining);
        var connection = new NpgsqlConnection(_connectionString);
        NpgsqlTransaction? transaction = null;
        try
        {
            await connection.OpenAsync(bounded.Token);
            transaction = await connection.BeginTransactionAsync(bounded.Token);
            await using var command = new NpgsqlCommand(GetLock, connection, transaction);
            // lock_timeout 0 would mean "wait for ever".
            command.Parameters.Add(new NpgsqlParameter("WaitMs", NpgsqlDbType.Text) { Value = $"{Math.Max(1, deadline.StoreWaitMilliseconds)}ms" });
            command.Parameters.Add(new NpgsqlParameter("Id", NpgsqlDbType.Bigint) { Value = LockId(resource) });
            await command.ExecuteNonQueryAsync(bounded.Token);
            return new Held(connection, transaction);
        }
        catch (Exception ex)
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync();
            }

            await connection.DisposeAsync();
            if (ex is PostgresException { SqlState: LockNotAvailable })
            {
                throw deadline.Busy();
            }

            throw;
        }
    }

    /// <summary>The idle connections of the lock pool close with the server, so nothing holds its database open after it.</summary>
    public void Dispose()
    {
        using var connection = new NpgsqlConnection(_connectionString);
        NpgsqlConnection.ClearPool(connection);
    }

    /// <summary>Advisory locks are named by a number: the first 8 bytes of the (hex) digest.</summary>
    private static long LockId(string resource) => BinaryPrimitives.ReadInt64BigEndian(Convert.FromHexString(resource.AsSpan(0, 16)));

    private sealed class Held(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await transaction.CommitAsync();
            }
            finally
            {
                await transaction.DisposeAsync();
                await connection.DisposeAsync();
            }
        }
    }
}
