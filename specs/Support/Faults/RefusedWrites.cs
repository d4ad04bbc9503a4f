using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;
using Sessions.Testing.Stores;

namespace Sessions.Specs.Support.Faults;

/// <summary>
/// Makes the store refuse every write of session data while reads (and the sliding of an expiry) still work: a
/// trigger on the scenario's own session table that fails any insert and any update of the Value column. That is a
/// commit failing on its own, which no connection fault can stage: the official cache slides the expiry with an
/// UPDATE inside every read.
/// </summary>
public static class RefusedWrites
{
    public const string Message = "session writes refused by the scenario";

    /// <summary>Null when the store has a table to put a trigger on; else why not.</summary>
    public static string? CannotRefuseReason(string store) => store is "sqlserver" or "postgres" or "sqlite"
        ? null
        : $"the {store} store has no table to put a trigger on, and no other way to fail a write alone";

    public static async Task InstallAsync(string store, IReadOnlyDictionary<string, string?> settings, CancellationToken cancellationToken)
    {
        var connectionString = settings.GetValueOrDefault("ConnectionStrings:Sessions")
            ?? throw new InvalidOperationException("The instance has no connection string.");
        var table = settings.GetValueOrDefault("Sessions:TableName") ?? "Sessions";
        var (connection, statements) = store switch
        {
            "sqlserver" => ((DbConnection)new SqlConnection(connectionString), new[]
            {
                $"CREATE TRIGGER [dbo].[RefuseSessionWrites] ON [dbo].[{table}] AFTER INSERT, UPDATE AS " +
                $"BEGIN IF UPDATE([Value]) BEGIN ROLLBACK TRANSACTION; RAISERROR('{Message}', 16, 1); END END",
            }),
            "postgres" => (new NpgsqlConnection(connectionString), new[]
            {
                $"CREATE FUNCTION refuse_session_writes() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '{Message}'; END $$",
                $"CREATE TRIGGER refuse_session_writes BEFORE INSERT OR UPDATE OF \"Value\" ON \"public\".\"{table}\" FOR EACH ROW EXECUTE FUNCTION refuse_session_writes()",
            }),
            "sqlite" => (new SqliteConnection(connectionString), new[]
            {
                $"CREATE TRIGGER refuse_session_inserts BEFORE INSERT ON \"{table}\" BEGIN SELECT RAISE(ABORT, '{Message}'); END",
                $"CREATE TRIGGER refuse_session_updates BEFORE UPDATE OF \"Value\" ON \"{table}\" BEGIN SELECT RAISE(ABORT, '{Message}'); END",
            }),
            _ => throw new InvalidOperationException(CannotRefuseReason(store)),
        };
        await SqlStatements.RunAsync(connection, cancellationToken, statements);
    }
}
