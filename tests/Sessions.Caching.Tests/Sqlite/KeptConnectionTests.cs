using Microsoft.Data.Sqlite;

namespace Sessions.Caching.Tests.Sqlite;

/// <summary>SQLite's kept connection runs each statement on one kept command, so SQLite compiles it once.</summary>
public sealed class KeptConnectionTests
{
    [Fact]
    public void A_statement_runs_again_on_its_first_command_with_the_new_parameters()
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var kept = new KeptConnection(connection);

        var first = kept.Reuse(Select(connection, 1));
        first.ExecuteScalar().Should().Be(1L);

        var next = Select(connection, 2);
        var reused = kept.Reuse(next);
        reused.Should().BeSameAs(first);
        reused.ExecuteScalar().Should().Be(2L, "the kept command carries the new command's parameters");
        next.Parameters.Count.Should().Be(0, "its parameters moved to the kept command");

        kept.Reuse(Other(connection)).Should().NotBeSameAs(first, "another statement gets a command of its own");
    }

    private static SqliteCommand Select(SqliteConnection connection, long value)
    {
        var command = connection.CreateCommand();
        command.CommandText = "SELECT @Value;";
        command.Parameters.Add(new SqliteParameter("@Value", SqliteType.Integer) { Value = value });
        return command;
    }

    private static SqliteCommand Other(SqliteConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = "SELECT 0;";
        return command;
    }
}
