using System.Collections.Immutable;
using Sessions.Testing.Hosting;
using Sessions.Testing.Inspection;

namespace Sessions.Testing.Stores;

/// <summary>
/// One store the in-process server can run on: whether it is available here, the server settings that select it
/// (making a database of its own for this run where the engine allows), and how the suite looks inside it.
/// </summary>
public abstract class StoreProvisioner : IAsyncDisposable
{
    public abstract string Name { get; }

    /// <summary>Null when the store can be used; otherwise why every scenario on it is skipped.</summary>
    public virtual string? UnavailableReason => null;

    /// <summary>Tags (without '@') this store cannot honour, with the reason.</summary>
    public virtual ImmutableDictionary<string, string> SkippedTags => ImmutableDictionary<string, string>.Empty;

    /// <summary>What actually answered (e.g. the first line of @@VERSION); null until prepared or when not interesting.</summary>
    public virtual string? Engine => null;

    /// <summary>Gets the store ready and returns the server settings, by the server's own configuration names.</summary>
    public abstract Task<IReadOnlyDictionary<string, string?>> PrepareAsync(CancellationToken cancellationToken);

    /// <summary>
    /// A connection string to the prepared store under a login of its own that may connect but holds no right on
    /// anything in it (dropped with the store); null where the store has no logins to speak of.
    /// </summary>
    public virtual Task<string?> LoginWithoutRightsAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    /// <summary>A fresh password for a login a store makes.</summary>
    protected static string RandomPassword() =>
        // Upper, lower, digit and symbol, whatever the random part: SQL Server's password policy is on by default.
        "Lp!" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)) + "x";

    /// <summary>The suite's view of the store, or null when there is nothing outside the server to look at.</summary>
    public virtual StoreView? CreateView(SessionsServerHost host) => RelationalView(host);

    /// <summary>Drops what <see cref="PrepareAsync"/> made; runs even when the run failed.</summary>
    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>Settings every relational store shares: the product's own provisioning creates the table.</summary>
    protected static Dictionary<string, string?> RelationalSettings(string store, string connectionString) => new()
    {
        ["Sessions:Store"] = store,
        ["ConnectionStrings:Sessions"] = connectionString,
        ["Sessions:CreateTable"] = "true",
    };

    protected static StoreView? RelationalView(SessionsServerHost host)
    {
        if (host.SessionTable is not { } cache || host.Setting("ConnectionStrings:Sessions") is not { } connection)
        {
            return null;
        }

        return new StoreView(new RelationalStoreInspector(host.Stack.Store, connection, cache), new SessionKeys(host.Services));
    }
}
