using System.Data.Common;
using Sessions.Caching.Configuration;
using Sessions.Caching.Dialects;

namespace Sessions.Caching.Tests.Fixtures;

/// <summary>
/// One store for the whole test run, in its own throw-away database. A store that is not configured
/// is skipped with a reason; one that is configured but does not answer fails every test with one line.
/// </summary>
public abstract class StoreFixture : IAsyncLifetime
{
    private string? _skipReason;
    private string? _failure;

    public abstract string StoreName { get; }

    /// <summary>Connection string of the isolated test database, once initialised.</summary>
    public string ConnectionString { get; protected set; } = "";

    /// <summary>Human-readable engine name (e.g. the first line of @@VERSION).</summary>
    public string Engine { get; protected set; } = "";

    public abstract SqlDialect CreateDialect(RelationalCacheOptions options);

    public abstract DbConnection CreateRawConnection();

    /// <summary>Skips or fails the calling test when the store is unusable.</summary>
    public void EnsureAvailable()
    {
        if (_failure is not null)
        {
            throw new InvalidOperationException(_failure);
        }

        if (_skipReason is not null)
        {
            Assert.Skip(_skipReason);
        }
    }

    public abstract ValueTask InitializeAsync();

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    protected void Skip(string reason) => _skipReason = reason;

    protected void Fail(string failure) => _failure = failure;

    protected void Announce()
    {
        var line = $"[{StoreName}] engine: {Engine}";
        TestContext.Current.SendDiagnosticMessage(line);
        Console.Error.WriteLine(line);
    }

    protected static string RandomDatabaseName() => "sessions_test_" + Guid.NewGuid().ToString("N")[..12];

    protected static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
