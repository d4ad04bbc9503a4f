using Microsoft.Data.SqlClient;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.SqlServer;
using Microsoft.Extensions.Internal;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Sessions.Caching.Configuration;
using Sessions.Caching.Tests.Fixtures;

namespace Sessions.Caching.Tests.SqlServer;

/// <summary>
/// Rows shared with Microsoft.Extensions.Caching.SqlServer itself (the tutorial profile's cache) on one table, the one
/// <c>schema create</c> makes: whatever either cache writes, the other reads, slides, refreshes, expires, removes and
/// sweeps. Both run on one fake clock, so every expiry is exact.
/// </summary>
[Trait("Store", "sqlserver")]
[Trait("Category", "interop")]
public sealed class OfficialPackageInteropTests(SqlServerFixture fixture) : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2030, 6, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Value = [1, 2, 3];
    private readonly FakeTimeProvider _clock = new(T0);
    private readonly List<IDisposable> _owned = [];
    private string _table = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _owned.ForEach(owned => owned.Dispose());

    [Fact]
    public async Task Official_sliding_row_is_read_slid_refreshed_and_expired_by_ours()
    {
        var (ours, official) = await CachesOnOneTableAsync();
        await official.SetAsync("s", Value, Sliding(TimeSpan.FromSeconds(60)), Ct);
        (await ReadRowAsync("s")).Should().Be(new Row(T0.AddSeconds(60), 60, null));

        _clock.Advance(TimeSpan.FromSeconds(30));
        (await ours.GetAsync("s", Ct)).Should().Equal(Value);
        (await ReadRowAsync("s")).ExpiresAtTime.Should().Be(T0.AddSeconds(90));

        _clock.Advance(TimeSpan.FromSeconds(30));
        await ours.RefreshAsync("s", Ct);
        (await ReadRowAsync("s")).ExpiresAtTime.Should().Be(T0.AddSeconds(120));

        _clock.Advance(TimeSpan.FromSeconds(61));
        (await ours.GetAsync("s", Ct)).Should().BeNull();
    }

    [Fact]
    public async Task Our_sliding_row_is_read_slid_refreshed_and_expired_by_the_official_cache()
    {
        var (ours, official) = await CachesOnOneTableAsync();
        await ours.SetAsync("s", Value, Sliding(TimeSpan.FromMinutes(20)), Ct);
        (await ReadRowAsync("s")).Should().Be(new Row(T0.AddMinutes(20), 1200, null));

        _clock.Advance(TimeSpan.FromMinutes(5));
        (await official.GetAsync("s", Ct)).Should().Equal(Value);
        (await ReadRowAsync("s")).ExpiresAtTime.Should().Be(T0.AddMinutes(25));

        _clock.Advance(TimeSpan.FromMinutes(5));
        await official.RefreshAsync("s", Ct);
        (await ReadRowAsync("s")).ExpiresAtTime.Should().Be(T0.AddMinutes(30));

        _clock.Advance(TimeSpan.FromMinutes(20) + TimeSpan.FromSeconds(1));
        (await official.GetAsync("s", Ct)).Should().BeNull();
    }

    [Fact]
    public async Task Official_row_with_sliding_and_absolute_is_capped_by_ours()
    {
        var (ours, official) = await CachesOnOneTableAsync();
        await official.SetAsync("b", Value, SlidingUntil(TimeSpan.FromMinutes(10), T0.AddMinutes(15)), Ct);

        _clock.Advance(TimeSpan.FromMinutes(8));
        (await ours.GetAsync("b", Ct)).Should().Equal(Value);
        (await ReadRowAsync("b")).ExpiresAtTime.Should().Be(T0.AddMinutes(15), "a slide never passes the absolute expiry");

        _clock.Advance(TimeSpan.FromMinutes(7) + TimeSpan.FromSeconds(1));
        (await ours.GetAsync("b", Ct)).Should().BeNull();
    }

    [Fact]
    public async Task Our_row_with_sliding_and_absolute_is_capped_by_the_official_cache()
    {
        var (ours, official) = await CachesOnOneTableAsync();
        await ours.SetAsync("b", Value, SlidingUntil(TimeSpan.FromMinutes(10), T0.AddMinutes(15)), Ct);

        _clock.Advance(TimeSpan.FromMinutes(8));
        (await official.GetAsync("b", Ct)).Should().Equal(Value);
        (await ReadRowAsync("b")).ExpiresAtTime.Should().Be(T0.AddMinutes(15), "a slide never passes the absolute expiry");

        _clock.Advance(TimeSpan.FromMinutes(7) + TimeSpan.FromSeconds(1));
        (await official.GetAsync("b", Ct)).Should().BeNull();
    }

    [Fact]
    public async Task Absolute_rows_are_not_slid_by_the_other_cache()
    {
        var (ours, official) = await CachesOnOneTableAsync();
        await official.SetAsync("theirs", Value, Until(T0.AddMinutes(5)), Ct);
        await ours.SetAsync("ours", Value, Until(T0.AddMinutes(5)), Ct);
        (await ReadRowAsync("ours")).Should().Be(await ReadRowAsync("theirs"), "both write an absolute row alike");

        _clock.Advance(TimeSpan.FromMinutes(4));
        (await ours.GetAsync("theirs", Ct)).Should().Equal(Value);
        (await official.GetAsync("ours", Ct)).Should().Equal(Value);
        await ours.RefreshAsync("theirs", Ct);
        await official.RefreshAsync("ours", Ct);
        (await ReadRowAsync("theirs")).ExpiresAtTime.Should().Be(T0.AddMinutes(5));
        (await ReadRowAsync("ours")).ExpiresAtTime.Should().Be(T0.AddMinutes(5));

        _clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        (await ours.GetAsync("theirs", Ct)).Should().BeNull();
        (await official.GetAsync("ours", Ct)).Should().BeNull();
    }

    [Fact]
    public async Task Each_cache_removes_the_others_rows()
    {
        var (ours, official) = await CachesOnOneTableAsync();
        await official.SetAsync("theirs", Value, Sliding(TimeSpan.FromMinutes(20)), Ct);
        await ours.SetAsync("ours", Value, Sliding(TimeSpan.FromMinutes(20)), Ct);

        await ours.RemoveAsync("theirs", Ct);
        await official.RemoveAsync("ours", Ct);

        (await RowExistsAsync("theirs")).Should().BeFalse();
        (await RowExistsAsync("ours")).Should().BeFalse();
    }

    [Fact]
    public async Task Our_sweep_deletes_the_official_caches_expired_rows()
    {
        // The official cache sweeps in the background after its first call, at its clock's time; a clock of its own that
        // stays at T0 keeps that sweep from deleting anything, so what disappears here was deleted by ours.
        var (ours, official) = await CachesOnOneTableAsync(officialClock: new FakeTimeProvider(T0));
        await official.SetAsync("gone", Value, Sliding(TimeSpan.FromMinutes(1)), Ct);
        await official.SetAsync("live", Value, Sliding(TimeSpan.FromHours(1)), Ct);

        _clock.Advance(TimeSpan.FromMinutes(10));
        (await ours.DeleteExpiredItemsAsync(Ct)).Should().Be(1);
        (await RowExistsAsync("gone")).Should().BeFalse();
        (await RowExistsAsync("live")).Should().BeTrue();
    }

    [Fact]
    public async Task The_official_caches_sweep_deletes_our_expired_rows()
    {
        // Our cache sweeps in the background only a whole ExpiredItemsDeletionInterval (30 days here) after it started.
        var (ours, official) = await CachesOnOneTableAsync();
        await ours.SetAsync("gone", Value, Sliding(TimeSpan.FromMinutes(1)), Ct);
        await ours.SetAsync("live", Value, Sliding(TimeSpan.FromHours(1)), Ct);

        // The official cache's first call starts its sweep on the thread pool, with nothing to await: watch the row go.
        _clock.Advance(TimeSpan.FromMinutes(10));
        (await official.GetAsync("live", Ct)).Should().Equal(Value);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (await RowExistsAsync("gone") && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, Ct);
        }

        (await RowExistsAsync("gone")).Should().BeFalse("the official cache's sweep deletes rows past ExpiresAtTime");
        (await RowExistsAsync("live")).Should().BeTrue();
    }

    /// <summary>Both caches on one new table made by the project's provisioning, which is what <c>schema create</c> runs.</summary>
    private async Task<(RelationalDistributedCache Ours, SqlServerCache Official)> CachesOnOneTableAsync(TimeProvider? officialClock = null)
    {
        fixture.EnsureAvailable();
        _table = "shared_" + Guid.NewGuid().ToString("N")[..10];

        var options = new RelationalCacheOptions
        {
            ConnectionString = fixture.ConnectionString,
            TableName = _table,
            ExpiredItemsDeletionInterval = TimeSpan.FromDays(30),
        };
        var ours = new RelationalDistributedCache(fixture.CreateDialect(options), options, _clock);
        _owned.Add(ours);
        await ours.CreateTableAsync(Ct);

        var official = new SqlServerCache(Options.Create(new SqlServerCacheOptions
        {
            ConnectionString = fixture.ConnectionString,
            SchemaName = "dbo",
            TableName = _table,
            SystemClock = new FakeSystemClock(officialClock ?? _clock),
        }));
        return (ours, official);
    }

    private static DistributedCacheEntryOptions Sliding(TimeSpan sliding) => new() { SlidingExpiration = sliding };

    private static DistributedCacheEntryOptions Until(DateTimeOffset absolute) => new() { AbsoluteExpiration = absolute };

    private static DistributedCacheEntryOptions SlidingUntil(TimeSpan sliding, DateTimeOffset absolute) =>
        new() { SlidingExpiration = sliding, AbsoluteExpiration = absolute };

    private async Task<bool> RowExistsAsync(string key) => await QueryRowAsync(key) is not null;

    private async Task<Row> ReadRowAsync(string key) =>
        await QueryRowAsync(key) ?? throw new InvalidOperationException($"row {key} does not exist in {_table}");

    private async Task<Row?> QueryRowAsync(string key)
    {
        await using var connection = new SqlConnection(fixture.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new SqlCommand(
            $"SELECT ExpiresAtTime, SlidingExpirationInSeconds, AbsoluteExpiration FROM [dbo].[{_table}] WHERE Id = @Id", connection);
        command.Parameters.AddWithValue("@Id", key);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        if (!await reader.ReadAsync(Ct))
        {
            return null;
        }

        return new Row(
            reader.GetDateTimeOffset(0),
            reader.IsDBNull(1) ? null : reader.GetInt64(1),
            reader.IsDBNull(2) ? null : reader.GetDateTimeOffset(2));
    }

    private sealed record Row(DateTimeOffset ExpiresAtTime, long? SlidingExpirationInSeconds, DateTimeOffset? AbsoluteExpiration);

    /// <summary>The official cache takes its time from this older clock abstraction rather than a TimeProvider.</summary>
    private sealed class FakeSystemClock(TimeProvider time) : ISystemClock
    {
        public DateTimeOffset UtcNow => time.GetUtcNow();
    }
}
