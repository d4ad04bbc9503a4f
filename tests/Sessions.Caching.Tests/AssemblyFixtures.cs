using Sessions.Caching.Tests.Fixtures;

// One isolated database per store for the whole run, shared by every class that needs that store.
[assembly: AssemblyFixture(typeof(SqliteFixture))]
[assembly: AssemblyFixture(typeof(PostgresFixture))]
[assembly: AssemblyFixture(typeof(SqlServerFixture))]
