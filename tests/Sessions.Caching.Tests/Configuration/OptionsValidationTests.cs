using Microsoft.Extensions.Options;
using Sessions.Caching.Configuration;
using Sessions.Caching.Dialects.Postgres;
using Sessions.Caching.Dialects.Sqlite;
using Sessions.Caching.Dialects.SqlServer;

namespace Sessions.Caching.Tests.Configuration;

[Trait("Category", "options")]
public sealed class OptionsValidationTests
{
    [Fact]
    public void Defaults_match_the_official_cache_and_the_tutorial()
    {
        var options = new RelationalCacheOptions();

        options.TableName.Should().Be("Sessions");
        options.SchemaName.Should().BeNull("each dialect supplies its engine's default schema");
        options.DefaultSlidingExpiration.Should().Be(TimeSpan.FromMinutes(20));
        options.ExpiredItemsDeletionInterval.Should().Be(TimeSpan.FromMinutes(30));
        options.CreateTable.Should().BeFalse();
    }

    [Fact]
    public void Each_dialect_defaults_its_own_schema()
    {
        var options = new RelationalCacheOptions { ConnectionString = "Data Source=" + Path.Combine(Path.GetTempPath(), "unused.db") };

        new SqlServerDialect(options).QualifiedTableName.Should().Be("[dbo].[Sessions]");
        new PostgresDialect(options).QualifiedTableName.Should().Be("\"public\".\"Sessions\"");
        new SqliteDialect(options).QualifiedTableName.Should().Be("\"Sessions\"");

        options.SchemaName = "dbo";
        new PostgresDialect(options).QualifiedTableName.Should().Be("\"dbo\".\"Sessions\"", "a configured schema is used as given");
    }

    [Theory]
    [InlineData("ConnectionString", "RelationalCacheOptions.ConnectionString is required")]
    [InlineData("TableName", "RelationalCacheOptions.TableName must not be empty")]
    [InlineData("SchemaName", "RelationalCacheOptions.SchemaName must not be empty")]
    [InlineData("DefaultSlidingExpiration", "RelationalCacheOptions.DefaultSlidingExpiration must be positive")]
    [InlineData("ExpiredItemsDeletionInterval", "RelationalCacheOptions.ExpiredItemsDeletionInterval must be at least 00:05:00")]
    public void Invalid_setting_fails_with_a_message_naming_it(string setting, string message)
    {
        var options = new RelationalCacheOptions { ConnectionString = "Server=x" };
        switch (setting)
        {
            case "ConnectionString": options.ConnectionString = " "; break;
            case "TableName": options.TableName = ""; break;
            case "SchemaName": options.SchemaName = " "; break;
            case "DefaultSlidingExpiration": options.DefaultSlidingExpiration = TimeSpan.Zero; break;
            case "ExpiredItemsDeletionInterval": options.ExpiredItemsDeletionInterval = TimeSpan.FromMinutes(4); break;
        }

        var result = new RelationalCacheOptionsValidator().Validate(Options.DefaultName, options);

        result.Failed.Should().BeTrue();
        result.Failures.Should().ContainSingle().Which.Should().StartWith(message);
    }

    [Fact]
    public void Valid_options_pass_and_the_minimum_interval_is_allowed()
    {
        var options = new RelationalCacheOptions
        {
            ConnectionString = "Server=x",
            ExpiredItemsDeletionInterval = RelationalCacheOptions.MinimumExpiredItemsDeletionInterval,
        };

        new RelationalCacheOptionsValidator().Validate(null, options).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void Constructing_a_cache_without_DI_validates_too()
    {
        var options = new RelationalCacheOptions { ConnectionString = "Server=x", ExpiredItemsDeletionInterval = TimeSpan.FromMinutes(1) };

        FluentActions.Invoking(() => new RelationalDistributedCache(new SqlServerDialect(options), options))
            .Should().Throw<OptionsValidationException>().WithMessage("*ExpiredItemsDeletionInterval*");
    }
}
