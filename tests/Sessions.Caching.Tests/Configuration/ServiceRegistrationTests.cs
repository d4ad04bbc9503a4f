using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Sessions.Caching.Configuration;

namespace Sessions.Caching.Tests.Configuration;

[Trait("Category", "options")]
public sealed class ServiceRegistrationTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "sessions_di_" + Guid.NewGuid().ToString("N")[..8]);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task Sqlite_registration_serves_one_singleton_on_the_TimeProvider_from_DI()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddSqliteSessionCache(o =>
        {
            o.ConnectionString = $"Data Source={Path.Combine(_directory, "a", "b", "sessions.db")}";
            o.CreateTable = true;
        });
        await using var provider = services.BuildServiceProvider();

        var cache = provider.GetRequiredService<IDistributedCache>();
        cache.Should().BeSameAs(provider.GetRequiredService<RelationalDistributedCache>());
        provider.GetRequiredService<RelationalDistributedCache>().StoreName.Should().Be("sqlite");
        Directory.Exists(Path.Combine(_directory, "a", "b")).Should().BeTrue("the parent directory of the database file is created");

        await cache.SetAsync("k", [1], new DistributedCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(1) }, Ct);
        (await cache.GetAsync("k", Ct)).Should().Equal(1);
        clock.Advance(TimeSpan.FromMinutes(2));
        (await cache.GetAsync("k", Ct)).Should().BeNull("expiry follows the TimeProvider registered in DI");
    }

    [Theory]
    [InlineData("sqlserver")]
    [InlineData("postgres")]
    [InlineData("sqlite")]
    public void Each_registration_names_its_store(string store)
    {
        var services = new ServiceCollection();
        Action<RelationalCacheOptions> configure = o => o.ConnectionString = store == "sqlite"
            ? $"Data Source={Path.Combine(_directory, "s.db")}"
            : "Server=127.0.0.1;Host=127.0.0.1";
        _ = store switch
        {
            "sqlserver" => services.AddSqlServerSessionCache(configure),
            "postgres" => services.AddPostgresSessionCache(configure),
            _ => services.AddSqliteSessionCache(configure),
        };
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<RelationalDistributedCache>().StoreName.Should().Be(store);
        provider.GetRequiredService<TimeProvider>().Should().BeSameAs(TimeProvider.System);
    }

    [Fact]
    public async Task Invalid_options_stop_the_host_at_start_naming_the_setting()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSqlServerSessionCache(o =>
        {
            o.ConnectionString = "Server=127.0.0.1";
            o.ExpiredItemsDeletionInterval = TimeSpan.FromMinutes(1);
        });
        using var host = builder.Build();

        (await host.Invoking(h => h.StartAsync(Ct)).Should().ThrowAsync<OptionsValidationException>())
            .WithMessage("*RelationalCacheOptions.ExpiredItemsDeletionInterval must be at least 00:05:00*");
    }
}
