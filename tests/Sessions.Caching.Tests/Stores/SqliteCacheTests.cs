using Sessions.Caching.Tests.Contract;
using Sessions.Caching.Tests.Fixtures;

namespace Sessions.Caching.Tests.Stores;

[Trait("Store", "sqlite")]
public sealed class SqliteCacheTests(SqliteFixture fixture) : RelationalCacheContractTests(fixture);
