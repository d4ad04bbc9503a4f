using System.Data;
using System.Data.Common;
using Microsoft.Data.SqlClient;

namespace SessionsServer.Locking;

/// <summary><c>sp_getapplock</c> owned by the lock's transaction.</summary>
internal sealed class SqlServerStoreLock(string connectionString, ILogger logger) : TransactionStoreLock(logger)
{
    private const string GetLock =
        "DECLARE @result int; " +
        "EXEC @result = sp_getapplock @Resource = @Resource, @LockMode = 'Exclusive', @LockOwner = 'Transaction', @LockTimeout = @WaitMs; " +
        "SELECT @result;";

    private readonly string _connectionString = new SqlConnectionStringBuilder(connectionString)
    {
        ApplicationName = PoolApplicationName(new SqlConnectionStringBuilder(connectionString).ApplicationName),
    }.ConnectionString;

    public override void Dispose()
    {
        using var connection = new SqlConnection(_connectionString);
        SqlConnection.ClearPool(connection);
    }

    protected override DbConnection CreateConnection() => new SqlConnection(_connectionString);

    protected override void PrepareLock(DbCommand command, string resource, LockDeadline deadline)
    {
        command.CommandText = GetLock;
        command.Parameters.Add(new SqlParameter("@Resource", SqlDbType.NVarChar, 255) { Value = "Kr.Session:" + resource });
        command.Parameters.Add(new SqlParameter("@WaitMs", SqlDbType.Int) { Value = deadline.StoreWaitMilliseconds });
    }

    /// <summary>0 or 1 granted, -1 timed out; the rest are errors (-2 cancelled, -3 deadlock victim, -999 a bad call).</summary>
    protected override bool IsGranted(object? result) => Convert.ToInt32(result) switch
    {
        >= 0 => true,
        -1 => false,
        var other => throw new InvalidOperationException($"sp_getapplock answered {other} (-2 cancelled, -3 deadlock victim, -999 parameter or call error)."),
    };
}
