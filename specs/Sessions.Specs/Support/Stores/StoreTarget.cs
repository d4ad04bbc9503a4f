namespace Sessions.Specs.Support.Stores;

/// <summary>
/// One store the server can run on, as the tests see it: the settings that select it, or the reason it
/// cannot run here (then its tests are skipped with that reason, never counted as passed).
/// </summary>
public sealed record StoreTarget(string Name, IReadOnlyDictionary<string, string?> Settings, string? SkipReason)
{
    public bool IsAvailable => SkipReason is null;

    public static StoreTarget Memory() => new("memory", new Dictionary<string, string?> { ["Sessions:Store"] = "memory" }, null);

    public static StoreTarget Redis()
    {
        var connection = Environment.GetEnvironmentVariable("SESSIONS_REDIS");
        return string.IsNullOrWhiteSpace(connection)
            ? new("redis", new Dictionary<string, string?>(), "SESSIONS_REDIS is not set (e.g. 127.0.0.1:6379); `eval \"$(bash ci/services.sh)\"` starts Redis and sets it")
            : new("redis", new Dictionary<string, string?> { ["Sessions:Store"] = "redis", ["ConnectionStrings:Sessions"] = connection }, null);
    }
}
