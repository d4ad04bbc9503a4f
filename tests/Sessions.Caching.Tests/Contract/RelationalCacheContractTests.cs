using Microsoft.Extensions.Caching.Distributed;
using Sessions.Caching.Configuration;
using Sessions.Caching.Tests.Fixtures;

namespace Sessions.Caching.Tests.Contract;

/// <summary>The contract on a relational store: every test gets its own table in the run's database.</summary>
public abstract partial class RelationalCacheContractTests(StoreFixture fixture) : CacheContractTests
{
    protected StoreFixture Fixture { get; } = fixture;

    protected override async Task<IDistributedCache> NewCacheAsync(Action<RelationalCacheOptions>? configure = null, bool provision = true)
    {
        Fixture.EnsureAvailable();
        var options = new RelationalCacheOptions
        {
            ConnectionString = Fixture.ConnectionString,
            TableName = "sessions_" + Guid.NewGuid().ToString("N")[..10],

            // Far beyond any clock advance in the tests, so no background sweep races a test's own sweep.
            ExpiredItemsDeletionInterval = TimeSpan.FromDays(30),
        };
        configure?.Invoke(options);

        var cache = Own(new RelationalDistributedCache(Fixture.CreateDialect(options), options, Clock, Logs));
        if (provision)
        {
            await cache.CreateTableAsync(Ct);
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{Fixture.StoreName} on {Fixture.Engine}: table {cache.QualifiedTableName}");
        return cache;
    }
}
