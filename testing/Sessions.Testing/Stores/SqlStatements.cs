using System.Data.Common;

namespace Sessions.Testing.Stores;

/// <summary>Runs statements in order on one connection it opens and closes: a store's login and grants, a scenario's own DDL.</summary>
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
