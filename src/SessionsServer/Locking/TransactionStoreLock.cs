using System.Data.Common;

namespace SessionsServer.Locking;

/// <summary>
/// A lock owned by a transaction on a connection of its own, for engines that keep such locks (SQL Server's
/// application locks, PostgreSQL's advisory locks): the lock ends with the transaction, so a holder whose process
/// died loses it as soon as the engine sees the connection go. The connections come from a pool of their own
/// (another application name), because a request holds one for its whole length and must not starve the pool its
/// own session reads and writes draw from.
/// </summary>
internal abstract class TransactionStoreLock(ILogger logger) : IStoreLock, IDisposable
{
    private static int s_pools;

    public async Task<IAsyncDisposable> AcquireAsync(string resource, TimeSpan lease, LockDeadline deadline, CancellationToken cancellationToken)
    {
        var taking = TakeAsync(resource, deadline, cancellationToken);
        try
        {
            // The token alone does not bound the wait: SqlClient's OpenAsync does parts of a login synchronously,
            // without looking at the token (dotnet/SqlClient#979), so a slow login would keep the request past it.
            return await taking.WaitAsync(deadline.AnswerWithin, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException || (ex is OperationCanceledException && !taking.IsCompleted))
        {
            _ = taking.ContinueWith(GiveBackLate, TaskScheduler.Default);
            throw;
        }
    }

    /// <summary>
    /// The application name of one lock's pool: the server's own, marked as its session locks, and numbered so that
    /// each server has a pool of its own even beside another in one process (a test host): its readiness probe then
    /// warms the connections its own requests will use, and its <see cref="Dispose"/> clears no other server's.
    /// </summary>
    protected static string PoolApplicationName(string? applicationName) =>
        $"{applicationName} session locks {Interlocked.Increment(ref s_pools)}".Trim();

    private void GiveBackLate(Task<IAsyncDisposable> late)
    {
        if (!late.IsCompletedSuccessfully)
        {
            // Observed, not reported: the request answered 503 for this wait already, and the attempt failed on the
            // cancellation it was given when the wait ran out.
            _ = late.Exception;
            return;
        }

        // Granted after the request gave up on it: given back at once, not left to the connection's end.
        _ = ReleaseLateAsync(late.Result);
    }

    private async Task ReleaseLateAsync(IAsyncDisposable held)
    {
        try
        {
            await held.DisposeAsync();
        }
        catch (Exception ex)
        {
            LockLog.ReleaseFailed(logger, ex);
        }
    }

    private async Task<IAsyncDisposable> TakeAsync(string resource, LockDeadline deadline, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(deadline.AnswerWithin);
        var connection = CreateConnection();
        DbTransaction? transaction = null;
        try
        {
            await connection.OpenAsync(bounded.Token);
            transaction = await connection.BeginTransactionAsync(bounded.Token);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            PrepareLock(command, resource, deadline);
            if (!IsGranted(await command.ExecuteScalarAsync(bounded.Token)))
            {
                throw deadline.Busy();
            }

            return new Held(connection, transaction);
        }
        catch (Exception ex)
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync();
            }

            await connection.DisposeAsync();
            if (IsNotGranted(ex))
            {
                throw deadline.Busy();
            }

            throw;
        }
    }

    /// <summary>The idle connections of the lock pool close with the server, so nothing holds its database open after it.</summary>
    public abstract void Dispose();

    protected abstract DbConnection CreateConnection();

    /// <summary>The statement that waits for the lock, at most <see cref="LockDeadline.StoreWaitMilliseconds"/>.</summary>
    protected abstract void PrepareLock(DbCommand command, string resource, LockDeadline deadline);

    /// <summary>Whether the statement's result says the lock was granted; a result that says "not granted" in time is false.</summary>
    protected abstract bool IsGranted(object? result);

    /// <summary>Whether the statement failed because the wait ran out (an engine that reports that as an error).</summary>
    protected virtual bool IsNotGranted(Exception error) => false;

    private sealed class Held(DbConnection connection, DbTransaction transaction) : IAsyncDisposable
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
