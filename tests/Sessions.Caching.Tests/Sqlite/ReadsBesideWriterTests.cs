using Microsoft.Extensions.Caching.Distributed;
using Sessions.Caching.Configuration;
using Sessions.Caching.Dialects.Sqlite;
using Sessions.Caching.Tests.Fixtures;

namespace Sessions.Caching.Tests.Sqlite;

/// <summary>On SQLite a read that writes nothing (a peek) does not queue behind the one writer; a sliding read does.</summary>
[Trait("Store", "sqlite")]
public sealed class ReadsBesideWriterTests(SqliteFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_peek_is_answered_while_the_writer_is_busy_and_a_sliding_read_waits_for_it()
    {
        fixture.EnsureAvailable();
        var options = new RelationalCacheOptions
        {
            ConnectionString = fixture.ConnectionString,
            TableName = "sessions_" + Guid.NewGuid().ToString("N")[..10],
            ExpiredItemsDeletionInterval = TimeSpan.FromDays(30),
        };
        var dialect = new SqliteDialect(options);
        using var cache = new RelationalDistributedCache(dialect, options);
        await cache.CreateTableAsync(Ct);
        await cache.SetAsync("alice", [1, 2, 3], new DistributedCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(20) }, Ct);

        // A write in progress, as far as every other command can tell.
        await dialect.WriterGate!.WaitAsync(Ct);
        Task<byte[]?> sliding;
        try
        {
            var peeked = await cache.PeekAsync("alice", Ct).WaitAsync(TimeSpan.FromSeconds(5), Ct);
            peeked.Should().Equal(1, 2, 3);
            sliding = cache.GetAsync("alice", Ct);
            await Task.Delay(TimeSpan.FromMilliseconds(200), Ct);
            sliding.IsCompleted.Should().BeFalse("a read that slides the expiry is a write, and waits for the writer");
        }
        finally
        {
            dialect.WriterGate.Release();
        }

        (await sliding.WaitAsync(TimeSpan.FromSeconds(5), Ct)).Should().Equal(1, 2, 3);
    }
}
