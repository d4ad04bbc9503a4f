using Sessions.Caching.Tests.Contract;
using Sessions.Caching.Tests.Fixtures;
using Sessions.Caching.Tests.Wire;

namespace Sessions.Caching.Tests.Stores;

[Trait("Store", "postgres")]
public sealed class PostgresCacheTests(PostgresFixture fixture) : RelationalCacheContractTests(fixture)
{
    protected override WireCommandCounter? CountWireCommands(string tableName) => new NpgsqlCommandCounter(tableName);
}
