using System.Data.Common;
using Microsoft.Data.SqlClient;
using Sessions.Caching.Configuration;
using Sessions.Caching.Dialects;
using Sessions.Caching.Dialects.SqlServer;
using Sessions.Testing.Stores;

namespace Sessions.Caching.Tests.Fixtures;

/// <summary>
/// SQL Server from, in order: SESSIONS_SQLSERVER; a Testcontainers SQL Server when Docker answers;
/// otherwise every test is skipped. The engine's @@VERSION line is announced so a run on Babelfish
/// can never pass for a run on SQL Server.
/// </summary>
public sealed class SqlServerFixture : StoreFixture
{
    // The cache tests run several concurrent operations per test, several tests at once.
    private readonly SqlServerStore _store = new(Environment.GetEnvironmentVariable("SESSIONS_SQLSERVER"), connections: 16);

    public override string StoreName => "sqlserver";

    /// <summary>Babelfish speaks TDS and T-SQL but differs in places; tests skip only those places.</summary>
    public bool IsBabelfish => _store.IsBabelfish;

    public override SqlDialect CreateDialect(RelationalCacheOptions options) => new SqlServerDialect(options);

    public override DbConnection CreateRawConnection() => new SqlConnection(ConnectionString);

    public override ValueTask InitializeAsync() => ProvisionAsync(_store);

    public override async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        await base.DisposeAsync();
    }
}
