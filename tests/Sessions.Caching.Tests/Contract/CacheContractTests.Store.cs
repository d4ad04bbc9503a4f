using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;
using Sessions.Caching.Configuration;
using Sessions.Caching.Diagnostics;
using Sessions.Caching.Provisioning;

namespace Sessions.Caching.Tests.Contract;

public abstract partial class CacheContractTests
{
    /// <summary>A driver-level command counter for the given table, where the driver reports commands.</summary>
    protected virtual Wire.WireCommandCounter? CountWireCommands(string tableName) => null;

    /// <summary>Why a schema/table name pair cannot be used on this engine, or null.</summary>
    protected virtual string? UnsupportedNames(string schema, string table) => null;

    private async Task<RelationalDistributedCache> NewRelationalCacheAsync(
        Action<RelationalCacheOptions>? configure = null, bool provision = true)
    {
        Require(StoreCapability.Table);
        return (RelationalDistributedCache)await NewCacheAsync(configure, provision);
    }

    [Fact]
    public async Task Expired_entries_are_invisible_at_once_and_deleted_by_the_sweep()
    {
        Require(StoreCapability.Sweeping);
        var cache = await NewRelationalCacheAsync();
        var shortLived = Enumerable.Range(0, 3).Select(i => NewKey($"short{i}")).ToArray();
        foreach (var key in shortLived)
        {
            await cache.SetAsync(key, Bytes("v"), Sliding(TimeSpan.FromMinutes(1)), Ct);
        }

        await cache.SetAsync("long", Bytes("v"), Sliding(TimeSpan.FromHours(1)), Ct);
        Clock.Advance(TimeSpan.FromMinutes(2));

        foreach (var key in shortLived)
        {
            (await cache.GetAsync(key, Ct)).Should().BeNull("expired rows are invisible before any sweep");
        }

        (await cache.DeleteExpiredItemsAsync(Ct)).Should().Be(3);
        (await cache.DeleteExpiredItemsAsync(Ct)).Should().Be(0);
        (await cache.GetAsync("long", Ct)).Should().NotBeNull("live rows survive the sweep");
    }

    [Fact]
    public async Task Cache_operations_start_a_background_sweep_once_the_interval_elapsed()
    {
        Require(StoreCapability.Sweeping);
        var cache = await NewRelationalCacheAsync(o => o.ExpiredItemsDeletionInterval = TimeSpan.FromMinutes(5));
        using var counter = new CommandCounter(cache.Metrics.Meter);
        await cache.SetAsync(NewKey(), Bytes("v"), Sliding(TimeSpan.FromMinutes(1)), Ct);
        await cache.BackgroundSweep;
        counter[StoreOperation.Sweep].Should().Be(0, "the interval has not elapsed yet");

        Clock.Advance(TimeSpan.FromMinutes(6));
        (await cache.GetAsync(NewKey(), Ct)).Should().BeNull();
        await cache.BackgroundSweep;

        counter[StoreOperation.Sweep].Should().Be(1);
        (await cache.DeleteExpiredItemsAsync(Ct)).Should().Be(0, "the background sweep already deleted the expired row");
    }

    [Fact]
    public async Task Background_sweep_failures_are_logged_with_their_event_id()
    {
        Require(StoreCapability.Sweeping);
        var cache = await NewRelationalCacheAsync(o => o.ExpiredItemsDeletionInterval = TimeSpan.FromMinutes(5), provision: false);

        Clock.Advance(TimeSpan.FromMinutes(6));
        await cache.Invoking(c => c.GetAsync("k", Ct)).Should().ThrowAsync<SessionTableMissingException>();
        await cache.BackgroundSweep;

        var entry = Logs.Entries.Should().ContainSingle(e => e.EventId.Id == 4101).Which;
        entry.Level.Should().Be(LogLevel.Error);
        entry.Exception.Should().BeOfType<SessionTableMissingException>();
        entry.Message.Should().Contain(cache.QualifiedTableName);
    }

    [Fact]
    public async Task Missing_table_without_CreateTable_names_the_table_and_both_remedies()
    {
        var cache = await NewRelationalCacheAsync(provision: false);

        var error = (await cache.Invoking(c => c.GetAsync("k", Ct)).Should().ThrowAsync<SessionTableMissingException>()).Which;
        error.Message.Should().Contain(cache.QualifiedTableName)
            .And.Contain("dotnet run --project src/SessionsServer -- schema create")
            .And.Contain("Sessions:CreateTable=true");
        cache.Invoking(c => c.Set("k", Bytes("v"), Sliding(TimeSpan.FromMinutes(1)))).Should().Throw<SessionTableMissingException>();
    }

    [Fact]
    public async Task CreateTable_option_creates_the_table_on_first_use_once()
    {
        var cache = await NewRelationalCacheAsync(o => o.CreateTable = true, provision: false);
        using var counter = new CommandCounter(cache.Metrics.Meter);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            cache.SetAsync($"k{i}", Bytes("v"), Sliding(TimeSpan.FromMinutes(1)), Ct)));
        (await cache.GetAsync("k7", Ct)).Should().Equal(Bytes("v"));

        counter[StoreOperation.Provision].Should().Be(cache.Dialect.Statements.CreateTable.Count, "provisioning ran exactly once");
    }

    [Fact]
    public async Task CreateTableAsync_is_idempotent()
    {
        var cache = await NewRelationalCacheAsync();
        await cache.SetAsync("kept", Bytes("v"), Sliding(TimeSpan.FromMinutes(5)), Ct);

        var statements = await cache.CreateTableAsync(Ct);
        (await cache.CreateTableAsync(Ct)).Should().Equal(statements);

        statements.Should().NotBeEmpty();
        (await cache.GetAsync("kept", Ct)).Should().Equal(Bytes("v"), "re-provisioning must not touch existing rows");
    }

    // Instances that start together on an empty database each create the table; the ones that lose the race on the
    // engine's catalog (PostgreSQL's pg_type, SQL Server's "already an object named") must still come up.
    [Fact]
    public async Task Servers_that_create_one_table_at_once_all_succeed()
    {
        var table = "sessions_" + Guid.NewGuid().ToString("N")[..10];
        var caches = new List<RelationalDistributedCache>();
        for (var i = 0; i < 6; i++)
        {
            caches.Add(await NewRelationalCacheAsync(o => o.TableName = table, provision: false));
        }

        await Task.WhenAll(caches.Select(cache => Task.Run(() => cache.CreateTableAsync(Ct), Ct)));

        await caches[0].SetAsync("k", Bytes("v"), Sliding(TimeSpan.FromMinutes(1)), Ct);
        (await caches[^1].GetAsync("k", Ct)).Should().Equal(Bytes("v"), "every server ended up on the one table");
    }

    [Theory]
    [InlineData("my schema", "my sessions")]
    [InlineData("o'brien", "Sess'ions")]
    [InlineData("quo\"ted", "ta\"ble")]
    [InlineData("we]ird", "ta]ble")]
    [InlineData("dbo", "Sessions.Archive")]
    public async Task Unusual_schema_and_table_names_work(string schema, string table)
    {
        Require(StoreCapability.Table);
        if (UnsupportedNames(schema, table) is { } reason)
        {
            Assert.Skip(reason);
        }

        var unique = Guid.NewGuid().ToString("N")[..6];
        var cache = await NewRelationalCacheAsync(o =>
        {
            o.SchemaName = schema + unique;
            o.TableName = table + unique;
        });

        await cache.SetAsync("k", Bytes("v"), Sliding(TimeSpan.FromMinutes(1)), Ct);
        (await cache.GetAsync("k", Ct)).Should().Equal(Bytes("v"));
        await cache.RefreshAsync("k", Ct);
        await cache.RemoveAsync("k", Ct);
        Clock.Advance(TimeSpan.FromMinutes(2));
        (await cache.DeleteExpiredItemsAsync(Ct)).Should().Be(0);
    }

    [Fact]
    public async Task Each_operation_is_one_command()
    {
        Require(StoreCapability.CommandMetrics);
        string? table = null;
        var cache = await NewRelationalCacheAsync(o => table = o.TableName);
        using var counter = new CommandCounter(cache.Metrics.Meter);
        using var wire = CountWireCommands(table!);
        var both = new DistributedCacheEntryOptions
        {
            SlidingExpiration = TimeSpan.FromMinutes(5),
            AbsoluteExpirationRelativeToNow = TimeSpan.FromHours(1),
        };

        await cache.SetAsync("k", Bytes("v"), both, Ct);
        counter[StoreOperation.Set].Should().Be(1);
        (await cache.GetAsync("k", Ct)).Should().NotBeNull();
        counter[StoreOperation.Get].Should().Be(1, "slide and read happen in one batch");
        await cache.RefreshAsync("k", Ct);
        counter[StoreOperation.Refresh].Should().Be(1);
        await cache.RemoveAsync("k", Ct);
        counter[StoreOperation.Remove].Should().Be(1);
        counter.Total.Should().Be(4);
        wire?.Count.Should().Be(4, "the driver saw one command per operation");

        counter.Reset();
        wire?.Reset();
        cache.Set("k", Bytes("v"), both);
        cache.Get("k");
        cache.Refresh("k");
        cache.Remove("k");
        counter.Total.Should().Be(4, "the sync path sends the same single commands");
        wire?.Count.Should().Be(4);
        TestContext.Current.TestOutputHelper?.WriteLine(wire is null ? "no driver-level counter for this store" : "driver-level counter agreed");
    }
}
