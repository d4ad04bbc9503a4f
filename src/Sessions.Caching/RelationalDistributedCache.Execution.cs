using System.Data.Common;
using Sessions.Caching.Diagnostics;
using Sessions.Caching.Provisioning;

namespace Sessions.Caching;

// Each operation is written once as an async method taking useAsync. With useAsync false it only
// calls the drivers' synchronous ADO.NET APIs, so the ValueTask is already complete when the sync
// wrapper reads it: no blocking on asynchronous work, hence no sync-over-async deadlock.
public sealed partial class RelationalDistributedCache
{
    // A write that lost a race (duplicate key, deadlock victim) succeeds on the next attempt.
    private const int MaxWriteAttempts = 3;

    // Reads a dialect lets run beside its one writer (SQLite in WAL mode), each on a kept connection of its own; a few
    // are kept, as many as run at once on a small machine, the rest closed after their read.
    private const int KeptReaders = 4;

    private readonly System.Collections.Concurrent.ConcurrentBag<KeptConnection> _readers = [];

    private delegate ValueTask<T> CommandRunner<T>(DbCommand command, bool useAsync, CancellationToken token);

    private static T RunSynchronously<T>(ValueTask<T> pending) =>
        pending.IsCompleted ? pending.Result : pending.AsTask().GetAwaiter().GetResult();

    private static async ValueTask<int> NonQueryAsync(DbCommand command, bool useAsync, CancellationToken token) =>
        useAsync ? await command.ExecuteNonQueryAsync(token).ConfigureAwait(false) : command.ExecuteNonQuery();

    private static async ValueTask<byte[]?> ReadValueAsync(DbCommand command, bool useAsync, CancellationToken token)
    {
        var reader = useAsync ? await command.ExecuteReaderAsync(token).ConfigureAwait(false) : command.ExecuteReader();
        try
        {
            var found = useAsync ? await reader.ReadAsync(token).ConfigureAwait(false) : reader.Read();
            return found ? reader.GetFieldValue<byte[]>(0) : null;
        }
        finally
        {
            await DisposeAsync(reader, useAsync).ConfigureAwait(false);
        }
    }

    private static ValueTask DisposeAsync(IAsyncDisposable resource, bool useAsync)
    {
        if (useAsync)
        {
            return resource.DisposeAsync();
        }

        ((IDisposable)resource).Dispose();
        return ValueTask.CompletedTask;
    }

    private async ValueTask<T> ExecuteAsync<T>(
        string operation, Action<DbCommand> prepare, CommandRunner<T> run, bool useAsync, CancellationToken token)
    {
        await EnsureTableAsync(useAsync, token).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ExecuteOnceAsync(operation, prepare, run, useAsync, token).ConfigureAwait(false);
            }
            catch (DbException error) when (_dialect.IsMissingTable(error))
            {
                throw new SessionTableMissingException(QualifiedTableName, StoreName, error);
            }
            catch (DbException error) when (attempt < MaxWriteAttempts && _dialect.IsWriteConflict(error))
            {
                Log.WriteRetried(_logger, QualifiedTableName, StoreName, attempt, error);
            }
        }
    }

    private async ValueTask<T> ExecuteOnceAsync<T>(
        string operation, Action<DbCommand> prepare, CommandRunner<T> run, bool useAsync, CancellationToken token)
    {
        var gate = _dialect.WriterGate;
        if (gate is null)
        {
            return await ExecuteOnConnectionAsync(operation, prepare, run, useAsync, token).ConfigureAwait(false);
        }

        // A peek writes nothing, so where readers do not wait for the writer it does not queue behind the writes.
        if (operation == StoreOperation.Peek && _dialect.ReadsBesideWriter)
        {
            return await ExecuteOnConnectionAsync(operation, prepare, run, useAsync, token, reader: true).ConfigureAwait(false);
        }

        if (useAsync)
        {
            await gate.WaitAsync(token).ConfigureAwait(false);
        }
        else
        {
            gate.Wait(token);
        }

        try
        {
            return await ExecuteOnConnectionAsync(operation, prepare, run, useAsync, token).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// One command on a connection: a fresh one from the driver's pool, or, where the dialect keeps one (SQLite, under
    /// its writer gate), the kept one and its kept command for the statement. A kept connection that failed a command is
    /// closed with its commands, and the next command opens anew.
    /// </summary>
    private async ValueTask<T> ExecuteOnConnectionAsync<T>(
        string operation, Action<DbCommand> prepare, CommandRunner<T> run, bool useAsync, CancellationToken token, bool reader = false)
    {
        if (!_dialect.KeepsConnection)
        {
            var connection = await OpenAsync(useAsync, token).ConfigureAwait(false);
            try
            {
                var command = connection.CreateCommand();
                try
                {
                    prepare(command);
                    return await RunAsync(command, operation, run, useAsync, token).ConfigureAwait(false);
                }
                finally
                {
                    await DisposeAsync(command, useAsync).ConfigureAwait(false);
                }
            }
            finally
            {
                await DisposeAsync(connection, useAsync).ConfigureAwait(false);
            }
        }

        var kept = (reader ? (_readers.TryTake(out var idle) ? idle : null) : Interlocked.Exchange(ref _keptConnection, null))
            ?? new KeptConnection(await OpenAsync(useAsync, token).ConfigureAwait(false));
        var reusable = false;
        try
        {
            var prepared = kept.Connection.CreateCommand();
            try
            {
                prepare(prepared);
            }
            catch
            {
                prepared.Dispose();
                throw;
            }

            var result = await RunAsync(kept.Reuse(prepared), operation, run, useAsync, token).ConfigureAwait(false);
            reusable = true;
            return result;
        }
        finally
        {
            if (!reusable || !Keep(kept, reader))
            {
                kept.Dispose();
            }
        }
    }

    private bool Keep(KeptConnection kept, bool reader)
    {
        if (!reader)
        {
            return Interlocked.CompareExchange(ref _keptConnection, kept, null) is null;
        }

        if (_readers.Count >= KeptReaders)
        {
            return false;
        }

        _readers.Add(kept);
        return true;
    }

    private ValueTask<T> RunAsync<T>(DbCommand command, string operation, CommandRunner<T> run, bool useAsync, CancellationToken token)
    {
        Metrics.CommandExecuted(StoreName, operation);
        return run(command, useAsync, token);
    }

    private async ValueTask<DbConnection> OpenAsync(bool useAsync, CancellationToken token)
    {
        var connection = _dialect.CreateConnection();
        try
        {
            if (useAsync)
            {
                await connection.OpenAsync(token).ConfigureAwait(false);
            }
            else
            {
                connection.Open();
            }

            if (_dialect.ConnectionSetup is { } setup)
            {
                var settings = connection.CreateCommand();
                try
                {
                    settings.CommandText = setup;
                    await NonQueryAsync(settings, useAsync, token).ConfigureAwait(false);
                }
                finally
                {
                    await DisposeAsync(settings, useAsync).ConfigureAwait(false);
                }
            }

            return connection;
        }
        catch
        {
            await DisposeAsync(connection, useAsync).ConfigureAwait(false);
            throw;
        }
    }

    private async ValueTask EnsureTableAsync(bool useAsync, CancellationToken token)
    {
        if (!_options.CreateTable || _tableEnsured)
        {
            return;
        }

        if (useAsync)
        {
            await _provisionGate.WaitAsync(token).ConfigureAwait(false);
        }
        else
        {
            _provisionGate.Wait(token);
        }

        try
        {
            // Another caller may have provisioned while this one waited for the gate.
            if (!_tableEnsured)
            {
                await ProvisionAsync(useAsync, token).ConfigureAwait(false);
            }
        }
        finally
        {
            _provisionGate.Release();
        }
    }

    private async ValueTask<IReadOnlyList<string>> ProvisionAsync(bool useAsync, CancellationToken token)
    {
        token.ThrowIfCancellationRequested();
        var statements = _dialect.Statements.CreateTable;
        foreach (var statement in statements)
        {
            await _dialect.CreateAsync(
                async () => await ExecuteOnceAsync(
                    StoreOperation.Provision,
                    command => command.CommandText = statement,
                    NonQueryAsync,
                    useAsync,
                    token).ConfigureAwait(false),
                (attempt, error) => Log.CreationRaced(_logger, QualifiedTableName, StoreName, attempt, error)).ConfigureAwait(false);
        }

        _tableEnsured = true;
        Log.TableProvisioned(_logger, QualifiedTableName, StoreName, statements.Count);
        return statements;
    }
}
