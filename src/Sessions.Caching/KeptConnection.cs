using System.Data.Common;

namespace Sessions.Caching;

/// <summary>
/// The one open connection of a dialect that keeps it (SQLite, under its writer gate), with a command per statement.
/// SQLite compiles a statement when its command first runs and keeps the compiled form for that command's next run;
/// a new command every time would parse and plan the same SQL on every request.
/// </summary>
internal sealed class KeptConnection(DbConnection connection) : IDisposable
{
    private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);

    public DbConnection Connection => connection;

    /// <summary>
    /// The command kept for <paramref name="prepared"/>'s statement, now carrying its parameters; the first time, the
    /// prepared command itself, which is kept from then on.
    /// </summary>
    public DbCommand Reuse(DbCommand prepared)
    {
        if (!_commands.TryGetValue(prepared.CommandText, out var kept))
        {
            _commands[prepared.CommandText] = prepared;
            return prepared;
        }

        var parameters = prepared.Parameters.Cast<DbParameter>().ToArray();
        prepared.Parameters.Clear();
        prepared.Dispose();
        kept.Parameters.Clear();
        kept.Parameters.AddRange(parameters);
        return kept;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        connection.Dispose();
    }
}
