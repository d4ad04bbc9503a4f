using System.Data;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Time.Testing;
using Sessions.Caching.Configuration;
using Sessions.Caching.Tests.Fixtures;

namespace Sessions.Caching.Tests.SqlServer;

/// <summary>
/// Rows shared with Microsoft.Extensions.Caching.SqlServer on one table. That package is not available
/// here, so its behaviour is reproduced with raw SQL from its documented column semantics:
/// ExpiresAtTime = write time + sliding seconds when sliding is set, else the absolute expiry;
/// SlidingExpirationInSeconds and AbsoluteExpiration hold the options (NULL when absent); a read
/// first slides a live sliding row (capped at AbsoluteExpiration), then selects it if not expired.
/// </summary>
[Trait("Store", "sqlserver")]
[Trait("Category", "interop")]
public sealed class OfficialPackageInteropTests(SqlServerFixture fixture) : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2030, 6, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(T0);
    private readonly List<IDisposable> _owned = [];
    private string _table = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _owned.ForEach(d => d.Dispose());
    }

    [Fact]
    public async Task Official_sliding_row_is_read_and_slid_by_our_cache()
    {
        var cache = await CacheOnToolTableAsync();
        await OfficialSetAsync("s", [1, 2, 3], T0, sliding: TimeSpan.FromSeconds(60), absolute: null);

        _clock.Advance(TimeSpan.FromSeconds(30));
        (await cache.GetAsync("s", Ct)).Should().Equal(1, 2, 3);
        (await ReadRowAsync("s")).ExpiresAtTime.Should().Be(T0.AddSeconds(90));

        _clock.Advance(TimeSpan.FromSeconds(61));
        (await cache.GetAsync("s", Ct)).Should().BeNull();
    }

    [Fact]
    public async Task Official_row_with_sliding_and_absolute_is_capped_by_our_cache()
    {
        var cache = await CacheOnToolTableAsync();

        // The official package stores write time + sliding even when the absolute expiry is earlier.
        await OfficialSetAsync("b", [9], T0, sliding: TimeSpan.FromMinutes(10), absolute: T0.AddMinutes(15));

        _clock.Advance(TimeSpan.FromMinutes(8));
        (await cache.GetAsync("b", Ct)).Should().Equal(9);
        (await ReadRowAsync("b")).ExpiresAtTime.Should().Be(T0.AddMinutes(15));

        _clock.Advance(TimeSpan.FromMinutes(7) + TimeSpan.FromSeconds(1));
        (await cache.GetAsync("b", Ct)).Should().BeNull();
    }

    [Fact]
    public async Task Official_absolute_row_is_not_slid_and_expired_rows_are_swept()
    {
        var cache = await CacheOnToolTableAsync();
        await OfficialSetAsync("a", [7], T0, sliding: null, absolute: T0.AddMinutes(5));
        await OfficialSetAsync("gone", [8], T0.AddHours(-1), sliding: TimeSpan.FromMinutes(1), absolute: null);

        _clock.Advance(TimeSpan.FromMinutes(4));
        (await cache.GetAsync("a", Ct)).Should().Equal(7);
        (await ReadRowAsync("a")).ExpiresAtTime.Should().Be(T0.AddMinutes(5));
        (await cache.GetAsync("gone", Ct)).Should().BeNull();

        (await cache.DeleteExpiredItemsAsync(Ct)).Should().Be(1);
    }

    [Fact]
    public async Task Our_rows_have_the_official_column_semantics_and_answer_its_read()
    {
        var cache = await CacheOnToolTableAsync();
        await cache.SetAsync("ours", [4, 5], new DistributedCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(20) }, Ct);
        await cache.SetAsync("capped", [6], new DistributedCacheEntryOptions { AbsoluteExpiration = T0.AddHours(2) }, Ct);

        var row = await ReadRowAsync("ours");
        row.Should().Be(new Row(T0.AddMinutes(20), 1200, null));
        (await ReadRowAsync("capped")).Should().Be(new Row(T0.AddHours(2), null, T0.AddHours(2)));

        (await OfficialGetAsync("ours", T0.AddMinutes(5))).Should().Equal(4, 5);
        (await ReadRowAsync("ours")).ExpiresAtTime.Should().Be(T0.AddMinutes(25));
        (await OfficialGetAsync("ours", T0.AddMinutes(46))).Should().BeNull();
        (await OfficialGetAsync("capped", T0.AddHours(1))).Should().Equal(6);
    }

    private async Task<RelationalDistributedCache> CacheOnToolTableAsync()
    {
        fixture.EnsureAvailable();
        _table = "tool_" + Guid.NewGuid().ToString("N")[..10];

        // The table exactly as `dotnet sql-cache create` makes it, not through our provisioning.
        await ExecuteAsync(
            $"CREATE TABLE [dbo].[{_table}] (Id nvarchar(449) COLLATE SQL_Latin1_General_CP1_CS_AS NOT NULL, " +
            "Value varbinary(MAX) NOT NULL, ExpiresAtTime datetimeoffset NOT NULL, " +
            "SlidingExpirationInSeconds bigint NULL, AbsoluteExpiration datetimeoffset NULL, PRIMARY KEY (Id)); " +
            $"CREATE NONCLUSTERED INDEX Index_ExpiresAtTime ON [dbo].[{_table}](ExpiresAtTime);");

        var options = new RelationalCacheOptions
        {
            ConnectionString = fixture.ConnectionString,
            TableName = _table,
            ExpiredItemsDeletionInterval = TimeSpan.FromDays(30),
        };
        var cache = new RelationalDistributedCache(fixture.CreateDialect(options), options, _clock);
        _owned.Add(cache);
        return cache;
    }

    private Task OfficialSetAsync(string key, byte[] value, DateTimeOffset now, TimeSpan? sliding, DateTimeOffset? absolute)
    {
        long? seconds = sliding is { } s ? (long)s.TotalSeconds : null;
        var expiresAt = seconds is { } sec ? now.AddSeconds(sec) : absolute!.Value;
        return ExecuteAsync(
            $"INSERT INTO [dbo].[{_table}] (Id, Value, ExpiresAtTime, SlidingExpirationInSeconds, AbsoluteExpiration) " +
            "VALUES (@Id, @Value, @ExpiresAtTime, @Sliding, @Absolute);",
            new SqlParameter("@Id", SqlDbType.NVarChar, 449) { Value = key },
            new SqlParameter("@Value", SqlDbType.VarBinary, -1) { Value = value },
            new SqlParameter("@ExpiresAtTime", SqlDbType.DateTimeOffset) { Value = expiresAt },
            new SqlParameter("@Sliding", SqlDbType.BigInt) { Value = (object?)seconds ?? DBNull.Value },
            new SqlParameter("@Absolute", SqlDbType.DateTimeOffset) { Value = (object?)absolute ?? DBNull.Value });
    }

    private async Task<byte[]?> OfficialGetAsync(string key, DateTimeOffset now)
    {
        await using var connection = new SqlConnection(fixture.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new SqlCommand(
            $"UPDATE [dbo].[{_table}] SET ExpiresAtTime = CASE " +
            "WHEN DATEDIFF(SECOND, @Now, AbsoluteExpiration) <= SlidingExpirationInSeconds THEN AbsoluteExpiration " +
            "ELSE DATEADD(SECOND, SlidingExpirationInSeconds, @Now) END " +
            "WHERE Id = @Id AND @Now <= ExpiresAtTime AND SlidingExpirationInSeconds IS NOT NULL " +
            "AND (AbsoluteExpiration IS NULL OR AbsoluteExpiration <> ExpiresAtTime); " +
            $"SELECT Value FROM [dbo].[{_table}] WHERE Id = @Id AND @Now <= ExpiresAtTime;",
            connection);
        command.Parameters.AddWithValue("@Id", key);
        command.Parameters.AddWithValue("@Now", now);
        return (byte[]?)await command.ExecuteScalarAsync(Ct);
    }

    private async Task<Row> ReadRowAsync(string key)
    {
        await using var connection = new SqlConnection(fixture.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new SqlCommand(
            $"SELECT ExpiresAtTime, SlidingExpirationInSeconds, AbsoluteExpiration FROM [dbo].[{_table}] WHERE Id = @Id", connection);
        command.Parameters.AddWithValue("@Id", key);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        (await reader.ReadAsync(Ct)).Should().BeTrue($"row {key} exists");
        return new Row(
            reader.GetDateTimeOffset(0),
            reader.IsDBNull(1) ? null : reader.GetInt64(1),
            reader.IsDBNull(2) ? null : reader.GetDateTimeOffset(2));
    }

    private async Task ExecuteAsync(string sql, params SqlParameter[] parameters)
    {
        await using var connection = new SqlConnection(fixture.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new SqlCommand(sql, connection);
        command.Parameters.AddRange(parameters);
        await command.ExecuteNonQueryAsync(Ct);
    }

    private sealed record Row(DateTimeOffset ExpiresAtTime, long? SlidingExpirationInSeconds, DateTimeOffset? AbsoluteExpiration);
}
