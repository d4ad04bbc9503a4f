using System.Xml.Linq;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.Caching.Distributed;
using Sessions.Caching.Configuration;
using Sessions.Caching.Dialects.SqlServer;
using Sessions.Caching.KeyRing;
using Sessions.Testing.Stores;

namespace Sessions.Caching.Tests.SqlServer;

/// <summary>
/// The login the specs' sqlserver targets run under: no server role, and in its database only what the server needs
/// to create and use its tables in dbo (on Babelfish, which refuses those grants, the owner of that one database).
/// Both tables must be creatable and usable, and the login must really be that small, or the specs would prove
/// nothing about a service login.
/// </summary>
public sealed class LeastPrivilegeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_login_without_server_rights_makes_and_uses_both_tables_in_dbo()
    {
        await using var store = new SqlServerStore(Environment.GetEnvironmentVariable("SESSIONS_SQLSERVER"), connections: 2, leastPrivilege: true);
        Assert.SkipWhen(store.UnavailableReason is not null, $"sqlserver: {store.UnavailableReason}");
        var settings = await store.PrepareAsync(Ct);
        var connectionString = settings["ConnectionStrings:Sessions"]!;

        await using (var connection = new SqlConnection(connectionString))
        {
            await connection.OpenAsync(Ct);
            (await ScalarAsync(connection, "SELECT IS_SRVROLEMEMBER('sysadmin')")).Should().Be(0);
            var anotherDatabase = async () => await ScalarAsync(connection, $"CREATE DATABASE [least_{Guid.NewGuid():N}]");
            await anotherDatabase.Should().ThrowAsync<SqlException>("the login has no right outside its database");
            if (!store.IsBabelfish)
            {
                (await ScalarAsync(connection, "SELECT IS_ROLEMEMBER('db_owner')")).Should().Be(0);
                var aSchema = async () => await ScalarAsync(connection, "CREATE SCHEMA [NotMine]");
                await aSchema.Should().ThrowAsync<SqlException>("the login may create tables in dbo and nothing else");
            }
        }

        var options = new RelationalCacheOptions { ConnectionString = connectionString, TableName = "Sessions" };
        var dialect = new SqlServerDialect(options);

        var keys = new RelationalKeyRingRepository(dialect, "SessionKeys", "least", createTable: true);
        keys.StoreElement(new XElement("key", new XAttribute("id", "1")), "key-1");
        keys.GetAllElements().Should().ContainSingle().Which.Attribute("id")!.Value.Should().Be("1");

        keys.QualifiedTableName.Should().Be("[dbo].[SessionKeys]");
        using var cache = new RelationalDistributedCache(dialect, options);
        await cache.CreateTableAsync(Ct);
        await cache.SetAsync("k", [1, 2, 3], new DistributedCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(1) }, Ct);
        (await cache.GetAsync("k", Ct)).Should().Equal(1, 2, 3);
    }

    private static async Task<object?> ScalarAsync(SqlConnection connection, string sql)
    {
        await using var command = new SqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(Ct);
    }
}
