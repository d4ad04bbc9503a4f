using System.Data.Common;
using FluentAssertions;
using Microsoft.Data.SqlClient;
using Npgsql;
using SessionsServer.Stores;
using Xunit;

namespace SessionsServer.Tests.Stores;

/// <summary>
/// The real drivers' errors, from the real engines, read the way the server reads them: a refused login and invalid
/// SQL are configuration errors (500), a store that cannot be reached is not (503). Babelfish gives most errors one
/// number (33557097) where SQL Server has one each, so its SQL case is what proves the wording fallback.
/// </summary>
public sealed class StoreMisconfigurationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Stores => ["sqlserver", "postgres"];

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Invalid_SQL_is_a_configuration_error_without_the_drivers_text(string store)
    {
        var error = await FailureAsync(store, Admin(store), "SELECT FROM WHERE");
        var failure = StoreFailures.Describe(error, store);
        failure.Should().NotBeNull();
        failure!.Misconfigured.Should().BeTrue(error.Message);
        failure.StatusCode.Should().Be(500);
        failure.Message.Should().Be($"Session store '{store}' is misconfigured: it rejected the server's SQL as invalid (a configuration problem, not an outage; the server log says why)");
        failure.Reason.Should().Be(StoreFailures.FirstLine(error.Message), "the driver's text is for the log alone");
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_wrong_password_is_a_configuration_error(string store)
    {
        var connection = new DbConnectionStringBuilder { ConnectionString = Admin(store) };
        connection["Password"] = "not-the-password";
        var error = await FailureAsync(store, connection.ConnectionString, "SELECT 1");
        var failure = StoreFailures.Describe(error, store);
        failure!.Misconfigured.Should().BeTrue(error.Message);
        failure.Message.Should().Contain("it refused the server's login").And.NotContain(error.Message);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_store_nobody_listens_on_is_an_outage_not_a_configuration_error(string store)
    {
        // Port 9 (discard) on loopback: nothing listens there, so the connection is refused at once.
        var connection = new DbConnectionStringBuilder { ConnectionString = Admin(store) };
        connection[store == "sqlserver" ? "Server" : "Port"] = store == "sqlserver" ? "127.0.0.1,9" : "9";
        var error = await FailureAsync(store, connection.ConnectionString, "SELECT 1");
        var failure = StoreFailures.Describe(error, store);
        failure!.Misconfigured.Should().BeFalse(error.Message);
        failure.StatusCode.Should().Be(503);
    }

    private static string Admin(string store)
    {
        var variable = store == "sqlserver" ? "SESSIONS_SQLSERVER" : "SESSIONS_POSTGRES";
        var value = Environment.GetEnvironmentVariable(variable);
        Assert.SkipWhen(string.IsNullOrWhiteSpace(value), $"{variable} is not set");
        return value!;
    }

    private static async Task<Exception> FailureAsync(string store, string connectionString, string sql)
    {
        DbConnection connection = store == "sqlserver"
            ? new SqlConnection(new SqlConnectionStringBuilder(connectionString) { ConnectTimeout = 5, Pooling = false }.ConnectionString)
            : new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Timeout = 5, Pooling = false }.ConnectionString);
        await using (connection)
        {
            var run = async () =>
            {
                await connection.OpenAsync(Ct);
                await using var command = connection.CreateCommand();
                command.CommandText = sql;
                await command.ExecuteNonQueryAsync(Ct);
            };
            return (await run.Should().ThrowAsync<DbException>()).Which;
        }
    }
}
