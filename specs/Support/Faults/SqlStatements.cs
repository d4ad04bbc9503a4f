using System.Data.Common;

namespace Sessions.Specs.Support.Faults;

/// <summary>Runs a scenario's own DDL (a trigger, a view) on one connection it opens and closes, in order.</summary>
public static class SqlStatements
{
    public static async Task RunAsync(DbConnection connection, CancellationToken cancellationToken, params string[] statements)
    {
        await using (connection)
        {
            await connection.OpenAsync(cancellationToken);
            foreach (var statement in statements)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = statement;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }
}
