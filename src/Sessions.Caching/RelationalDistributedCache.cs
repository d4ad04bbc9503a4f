using System.Data.Common;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sessions.Caching.Configuration;
using Sessions.Caching.Core;
using Sessions.Caching.Diagnostics;
using Sessions.Caching.Dialects;
using Sessions.Caching.Sweeping;

namespace Sessions.Caching;

/// <summary>
/// <see cref="IDistributedCache"/> over one relational table, interoperable with
/// Microsoft.Extensions.Caching.SqlServer on SQL Server. The dialect supplies SQL text, connections
/// and parameter types; this class owns validation, expiry arithmetic, sweeping and metrics.
/// Every operation is one command (one round trip); only the sweep repeats its batch.
/// </summary>
public sealed partial class RelationalDistributedCache : IDistributedCache, IPeekableDistributedCache, IDisposable
{
    private readonly SqlDialect _dialect;
    private readonly RelationalCacheOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ExpiredItemsSweeper _sweeper;
    private readonly SemaphoreSlim _provisionGate = new(1, 1);
    private volatile bool _tableEnsured;

    // Only for a dialect that keeps its connection open, and only touched under its writer gate.
    private KeptConnection? _keptConnection;

    public RelationalDistributedCache(
        SqlDialect dialect,
        RelationalCacheOptions options,
        TimeProvider? timeProvider = null,
        ILogger<RelationalDistributedCache>? logger = null,
        IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(options);
        RelationalCacheOptionsValidator.ThrowIfInvalid(options);

        _dialect = dialect;
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        Metrics = new SessionCacheMetrics(meterFactory);
        _sweeper = new ExpiredItemsSweeper(
            DeleteExpiredRowsAsync, _time, options.ExpiredItemsDeletionInterval, _logger, QualifiedTableName, StoreName);
    }

    /// <summary>"sqlserver", "postgres" or "sqlite".</summary>
    public string StoreName => _dialect.StoreName;

    /// <summary>The table as the store's SQL names it, for messages.</summary>
    public string QualifiedTableName => _dialect.QualifiedTableName;

    /// <summary>Meter "Sessions.Caching" with the counter "sessions.store.commands".</summary>
    public SessionCacheMetrics Metrics { get; }

    /// <summary>The engine's SQL and connections, for siblings that live beside the session table (the key ring).</summary>
    public SqlDialect Dialect => _dialect;

    internal Task BackgroundSweep => _sweeper.BackgroundSweep;

    public byte[]? Get(string key) => RunSynchronously(GetCoreAsync(key, useAsync: false, CancellationToken.None));

    public Task<byte[]?> GetAsync(string key, CancellationToken token = default) =>
        GetCoreAsync(key, useAsync: true, token).AsTask();

    public Task<byte[]?> PeekAsync(string key, CancellationToken token = default) =>
        ReadCoreAsync(key, StoreOperation.Peek, _dialect.PreparePeek, useAsync: true, token).AsTask();

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) =>
        RunSynchronously(SetCoreAsync(key, value, options, useAsync: false, CancellationToken.None));

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        SetCoreAsync(key, value, options, useAsync: true, token).AsTask();

    public void Refresh(string key) => RunSynchronously(RefreshCoreAsync(key, useAsync: false, CancellationToken.None));

    public Task RefreshAsync(string key, CancellationToken token = default) =>
        RefreshCoreAsync(key, useAsync: true, token).AsTask();

    public void Remove(string key) => RunSynchronously(RemoveCoreAsync(key, useAsync: false, CancellationToken.None));

    public Task RemoveAsync(string key, CancellationToken token = default) =>
        RemoveCoreAsync(key, useAsync: true, token).AsTask();

    /// <summary>
    /// Deletes every expired row now and returns how many were deleted. Waits for a running
    /// background sweep first: sweeps never overlap.
    /// </summary>
    public Task<int> DeleteExpiredItemsAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return _sweeper.SweepNowAsync(cancellationToken);
    }

    /// <summary>Creates schema, table and index when missing; returns the DDL statements it ran.</summary>
    public Task<IReadOnlyList<string>> CreateTableAsync(CancellationToken cancellationToken = default) =>
        ProvisionAsync(useAsync: true, cancellationToken).AsTask();

    // The semaphores are left to the GC: an in-flight operation may still release them.
    public void Dispose()
    {
        Interlocked.Exchange(ref _keptConnection, null)?.Dispose();
        while (_readers.TryTake(out var reader))
        {
            reader.Dispose();
        }

        Metrics.Dispose();
    }

    /// <summary>
    /// Batch after batch until one comes back short, each its own command: between batches the locks are released and
    /// waiting requests run, so a large sweep slows requests a little instead of stalling them. The cut-off is fixed
    /// when the sweep starts, so rows that expire meanwhile cannot keep it going.
    /// </summary>
    private async Task<int> DeleteExpiredRowsAsync(CancellationToken cancellationToken)
    {
        var utcNow = _time.GetUtcNow();
        var deleted = 0;
        while (true)
        {
            var batch = await ExecuteAsync(
                StoreOperation.Sweep,
                command => _dialect.PrepareDeleteExpired(command, utcNow),
                NonQueryAsync,
                useAsync: true,
                cancellationToken).ConfigureAwait(false);
            deleted += batch;
            if (batch < _dialect.SweepBatchRows)
            {
                return deleted;
            }
        }
    }

    private ValueTask<byte[]?> GetCoreAsync(string key, bool useAsync, CancellationToken token) =>
        ReadCoreAsync(key, StoreOperation.Get, _dialect.PrepareGet, useAsync, token);

    /// <summary>A read of one entry: the sliding one (get) or the one that leaves the expiry alone (peek).</summary>
    private async ValueTask<byte[]?> ReadCoreAsync(
        string key, string operation, Action<DbCommand, string, DateTimeOffset> prepare, bool useAsync, CancellationToken token)
    {
        CacheKeyRules.ValidateKey(key);
        token.ThrowIfCancellationRequested();

        // Checked before the command, so the schedule holds (and sweep failures get logged) even
        // while every operation is failing.
        _sweeper.SweepIfDue();
        return await ExecuteAsync(
            operation,
            command => prepare(command, key, _time.GetUtcNow()),
            ReadValueAsync,
            useAsync,
            token).ConfigureAwait(false);
    }

    private async ValueTask<int> SetCoreAsync(
        string key, byte[] value, DistributedCacheEntryOptions options, bool useAsync, CancellationToken token)
    {
        CacheKeyRules.ValidateKey(key);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(options);
        token.ThrowIfCancellationRequested();
        _sweeper.SweepIfDue();

        // Computed once, outside the retry loop, so a retried write stores the same expiry.
        var expiration = EntryExpiration.From(options, _time.GetUtcNow(), _options.DefaultSlidingExpiration);
        var written = await ExecuteAsync(
            StoreOperation.Set,
            command => _dialect.PrepareSet(command, key, value, expiration),
            NonQueryAsync,
            useAsync,
            token).ConfigureAwait(false);
        return written;
    }

    private async ValueTask<int> RefreshCoreAsync(string key, bool useAsync, CancellationToken token)
    {
        CacheKeyRules.ValidateKey(key);
        token.ThrowIfCancellationRequested();
        _sweeper.SweepIfDue();
        var updated = await ExecuteAsync(
            StoreOperation.Refresh,
            command => _dialect.PrepareRefresh(command, key, _time.GetUtcNow()),
            NonQueryAsync,
            useAsync,
            token).ConfigureAwait(false);
        return updated;
    }

    private async ValueTask<int> RemoveCoreAsync(string key, bool useAsync, CancellationToken token)
    {
        CacheKeyRules.ValidateKey(key);
        token.ThrowIfCancellationRequested();
        _sweeper.SweepIfDue();
        var deleted = await ExecuteAsync(
            StoreOperation.Remove,
            command => _dialect.PrepareRemove(command, key),
            NonQueryAsync,
            useAsync,
            token).ConfigureAwait(false);
        return deleted;
    }
}
