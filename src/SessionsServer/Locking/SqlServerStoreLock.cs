using System.Data;
using Microsoft.Data.SqlClient;

namespace SessionsServer.Locking;

/// <summary>
/// <c>sp_getapplock</c> owned by a transaction on a connection of its own: the lock ends with the transaction, so a
/// holder whose process died loses it as soon as SQL Server sees the connection go. The connections come from a
/// pool of their own (another application name), because a request holds one for its whole length and must not
/// starve the pool its own session reads and writes draw from.
/// </summary>
internal sealed class SqlServerStoreLock(string connectionString) : IStoreLock, IDisposable
{
    private const string GetLock =
        "DECLARE @result int; " +
        "EXEC @result = sp_getapplock @Resource = @Resource, @LockMode = 'Exclusive', @LockOwner = 'Transaction', @LockTimeout = @WaitMs; " +
        "SELECT @result;";

    private readonly string _connectionString = new SqlConnectionStringBuilder(connectionString)
    {
        ApplicationName = $"{new SqlConnectionStringBuilder(connectionString).ApplicationName} session locks".Trim(),
    }.ConnectionString;

    public async Task<IAsyncDisposable> AcquireAsync(string resource, TimeSpan lease, LockDeadline deadline, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(deadline.Remaining);
        var connection = new SqlConnection(_connectionString);
        SqlTransaction? transaction = null;
        try
        {
            await connection.OpenAsync(bounded.Token);
            transaction = (SqlTransaction)await connection.BeginTransactionAsync(bounded.Token);
            await using var command = new SqlCommand(GetLock, connection, transaction);
            command.Parameters.Add(new SqlParameter("@Resource", SqlDbType.NVarChar, 255) { Value = "Kr.Session:" + resource });
            command.Parameters.Add(new SqlParameter("@WaitMs", SqlDbType.Int) { Value = deadline.StoreWaitMilliseconds });
            var result = Convert.ToInt32(await command.ExecuteScalarAsync(bounded.Token));
            switch (result)
            {
                case >= 0:
                    return new Held(connection, transaction);
                case -1:
                    throw deadline.Busy();
                default:
                    throw new InvalidOperationException($"sp_getapplock answered {result} (-2 cancelled, -3 deadlock victim, -999 parameter or call error).");
            }
        }
        catch
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync();
            }

            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>The idle connections of the lock pool close with the server, so nothing holds its database open after it.</summary>
    public void Dispose()
    {
        using var connection = new SqlConnection(_connectionString);
        SqlConnection.ClearPool(connection);
    }

    private sealed class Held(SqlConnection connection, SqlTransaction transaction) : IAsyncDisposable
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
