using Sessions.Caching.Tests.Contract;
using Sessions.Caching.Tests.Fixtures;

namespace Sessions.Caching.Tests.Stores;

[Trait("Store", "postgres")]
public sealed class PostgresCacheTests(PostgresFixture fixture) : RelationalCacheContractTests(fixture);
