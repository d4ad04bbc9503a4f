using System.Xml.Linq;
using Npgsql;
using Sessions.Caching.Configuration;
using Sessions.Caching.Dialects.Postgres;
using Sessions.Caching.KeyRing;
using Sessions.Caching.Tests.Fixtures;
using Sessions.Testing.Stores;

namespace Sessions.Caching.Tests.Postgres;

/// <summary>
/// A login that may create tables in the public schema and nothing at database level, as a DBA would give a service.
/// Its session table and key-ring table must be creatable and usable: `CREATE SCHEMA IF NOT EXISTS "public"` checks
/// the database's CREATE privilege even though the schema exists, so it refused the first cookie of such a login.
/// </summary>
public sealed class LeastPrivilegeTests(PostgresFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_login_with_only_create_on_the_public_schema_makes_and_uses_both_tables()
    {
        fixture.EnsureAvailable();
        var role = $"least_{Guid.NewGuid():N}"[..20];
        const string password = "least-privilege";
        await AsAdminAsync(
            $"CREATE ROLE \"{role}\" LOGIN PASSWORD '{password}'",
            $"GRANT USAGE, CREATE ON SCHEMA public TO \"{role}\"",
            // Membership lets the (non-superuser) admin drop what the role made, afterwards.
            $"GRANT \"{role}\" TO CURRENT_USER");
        try
        {
            var options = new RelationalCacheOptions
            {
                ConnectionString = new NpgsqlConnectionStringBuilder(fixture.ConnectionString) { Username = role, Password = password, Pooling = false }.ConnectionString,
                TableName = "least_" + Guid.NewGuid().ToString("N")[..10],
            };
            var dialect = new PostgresDialect(options);

            var keys = new RelationalKeyRingRepository(dialect, options.TableName + "_keys", "least", createTable: true);
            keys.StoreElement(new XElement("key", new XAttribute("id", "1")), "key-1");
            keys.GetAllElements().Should().ContainSingle().Which.Attribute("id")!.Value.Should().Be("1");

            using var cache = new RelationalDistributedCache(dialect, options);
            await cache.CreateTableAsync(Ct);
            await cache.SetAsync("k", [1, 2, 3], new Microsoft.Extensions.Caching.Distributed.DistributedCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(1) }, Ct);
            (await cache.GetAsync("k", Ct)).Should().Equal(1, 2, 3);
        }
        finally
        {
            await AsAdminAsync($"DROP OWNED BY \"{role}\"", $"DROP ROLE \"{role}\"");
        }
    }

    private Task AsAdminAsync(params string[] statements) =>
        SqlStatements.RunAsync(new NpgsqlConnection(fixture.ConnectionString), Ct, statements);
}
