using Microsoft.Extensions.Logging.Abstractions;
using SessionsServer.Locking;
using Xunit;

namespace SessionsServer.Tests.Locking;

/// <summary>The stores whose lock is a transaction's, and that lock on a given connection string.</summary>
internal static class TransactionStoreLocks
{
    public static TheoryData<string> Stores => ["sqlserver", "postgres"];

    public static TransactionStoreLock For(string store, string connectionString) => store == "sqlserver"
        ? new SqlServerStoreLock(connectionString, NullLogger.Instance)
        : new PostgresStoreLock(connectionString, NullLogger.Instance);
}
