using System.Data.Common;
using Sessions.Caching.Configuration;
using Sessions.Caching.Dialects;
using Sessions.Testing.Hosting;
using Sessions.Testing.Stores;

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

    /// <summary>
    /// Makes the run's database the way the specs and the bench do (the shared provisioner); its skip and failure
    /// become this fixture's.
    /// </summary>
    protected async ValueTask ProvisionAsync(StoreProvisioner store)
    {
        if (store.UnavailableReason is { } reason)
        {
            _skipReason = $"{StoreName}: {reason}";
            return;
        }

        try
        {
            var settings = await store.PrepareAsync(TestContext.Current.CancellationToken);
            ConnectionString = settings["ConnectionStrings:Sessions"] ?? throw new InvalidOperationException($"{StoreName}: the provisioner gave no connection string");
            Engine = store.Engine ?? StoreName;
            Announce();
        }
        catch (ServerStartException ex)
        {
            _failure = ex.Message;
        }
    }

    protected void Announce()
    {
        var line = $"[{StoreName}] engine: {Engine}";
        TestContext.Current.SendDiagnosticMessage(line);
        Console.Error.WriteLine(line);
    }
}
