using System.Data.Common;
using Npgsql;
using Sessions.Caching.Configuration;
using Sessions.Caching.Dialects;
using Sessions.Caching.Dialects.Postgres;
using Sessions.Testing.Stores;

namespace Sessions.Caching.Tests.Fixtures;

/// <summary>PostgreSQL from SESSIONS_POSTGRES: a database per run, dropped WITH (FORCE) at the end.</summary>
public sealed class PostgresFixture : StoreFixture
{
    private readonly PostgresStore _store = new(Environment.GetEnvironmentVariable("SESSIONS_POSTGRES"));

    public override string StoreName => "postgres";

    public override SqlDialect CreateDialect(RelationalCacheOptions options) => new PostgresDialect(options);

    public override DbConnection CreateRawConnection() => new NpgsqlConnection(ConnectionString);

    public override ValueTask InitializeAsync() => ProvisionAsync(_store);

    public override async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        await base.DisposeAsync();
    }
}
