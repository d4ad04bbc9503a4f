namespace SessionsBench.Stores;

/// <summary>
/// One store made ready for one server run: its <c>Sessions:*</c> settings, and whatever it created
/// (a database, a file) removed again on dispose, whether the run succeeded or not.
/// </summary>
public abstract class BenchStore : IAsyncDisposable
{
    protected BenchStore(string name) => Name = name;

    public string Name { get; }

    /// <summary>The server's own configuration names, as a user would pass them on its command line.</summary>
    public IReadOnlyDictionary<string, string?> Settings(string profile) => new Dictionary<string, string?>
    {
        ["Sessions:Store"] = Name,
        ["ConnectionStrings:Sessions"] = ConnectionString,
        ["Sessions:CreateTable"] = "true",
        ["Sessions:Profile"] = profile,
    };

    protected abstract string? ConnectionString { get; }

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>A name no earlier run (or a parallel one) has used, safe unquoted in both SQL dialects.</summary>
    protected static string FreshDatabaseName() => $"sessions_bench_{Guid.NewGuid():N}"[..27];
}
