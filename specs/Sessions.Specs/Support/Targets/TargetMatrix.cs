using Gherkin.Runner.Features;
using Sessions.Specs.Support.Stores;

namespace Sessions.Specs.Support.Targets;

/// <summary>
/// The targets of this run, read once from the environment: one in-process server per store (narrowed by
/// SESSIONS_STORES, in the profile SESSIONS_PROFILE names, else the server's default), or a single "external" server
/// when SESSIONS_BASE_URL is set. Static because the runner asks for
/// targets at discovery and the run hooks that dispose them are static too.
/// </summary>
public static class TargetMatrix
{
    private static readonly string[] AllStores = ["memory", "sqlite", "postgres", "redis", "sqlserver"];

    private static readonly Lazy<IReadOnlyList<(ServerUnderTest Server, ScenarioTarget Target)>> Matrix =
        new(Build, LazyThreadSafetyMode.ExecutionAndPublication);

    public static IReadOnlyList<ScenarioTarget> Targets => Matrix.Value.Select(m => m.Target).ToList();

    public static IReadOnlyList<ServerUnderTest> Servers => Matrix.Value.Select(m => m.Server).ToList();

    /// <summary>One line per target for the run's report: what runs, and why anything does not.</summary>
    public static string Summary => string.Join('\n', Matrix.Value.Select(m =>
        m.Target.UnavailableReason is { } reason ? $"{m.Target.Name}: skipped, {reason}" : $"{m.Target.Name}: runs"));

    private static List<(ServerUnderTest, ScenarioTarget)> Build()
    {
        var baseUrl = Environment.GetEnvironmentVariable("SESSIONS_BASE_URL");
        if (!string.IsNullOrWhiteSpace(baseUrl))
        {
            var pin = Environment.GetEnvironmentVariable("SESSIONS_CERT_SHA256");
            var external = new ExternalServer(
                baseUrl.Trim(),
                string.IsNullOrWhiteSpace(pin) ? null : pin.Replace(":", "", StringComparison.Ordinal).Trim(),
                Environment.GetEnvironmentVariable("SESSIONS_INSECURE") == "1");
            var target = new ScenarioTarget(external.Name, external)
                .SkipTag("storage", "black-box mode (SESSIONS_BASE_URL): the suite cannot see the server's store");
            return [(external, target)];
        }

        return SelectedStores().Select(ForStore).ToList();
    }

    private static IEnumerable<string> SelectedStores()
    {
        var selection = Environment.GetEnvironmentVariable("SESSIONS_STORES");
        return string.IsNullOrWhiteSpace(selection)
            ? AllStores
            : selection.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.ToLowerInvariant()).Distinct();
    }

    private static (ServerUnderTest, ScenarioTarget) ForStore(string name)
    {
        StoreProvisioner? store = name switch
        {
            "memory" => new MemoryStore(),
            "sqlite" => new SqliteStore(),
            "postgres" => new PostgresStore(Environment.GetEnvironmentVariable("SESSIONS_POSTGRES")),
            "redis" => new RedisStore(Environment.GetEnvironmentVariable("SESSIONS_REDIS")),
            "sqlserver" => new SqlServerStore(Environment.GetEnvironmentVariable("SESSIONS_SQLSERVER")),
            _ => null,
        };
        if (store is null)
        {
            var wrong = new MisconfiguredServer(name, $"SESSIONS_STORES names '{name}', which is not a store; use any of: {string.Join(", ", AllStores)}.");
            return (wrong, new ScenarioTarget(name, wrong));
        }

        var profile = Environment.GetEnvironmentVariable("SESSIONS_PROFILE");
        var server = new InProcessServer(store, string.IsNullOrWhiteSpace(profile) ? null : profile.Trim());
        var target = new ScenarioTarget(name, server);
        foreach (var (tag, reason) in store.SkippedTags)
        {
            target = target.SkipTag(tag, reason);
        }

        return (server, store.UnavailableReason is { } unavailable ? target.Unavailable(unavailable) : target);
    }

    /// <summary>Stops every server that started and drops what its store made; every one is tried even if one fails.</summary>
    public static async Task DisposeAllAsync()
    {
        if (!Matrix.IsValueCreated)
        {
            return;
        }

        var errors = new List<Exception>();
        foreach (var (server, _) in Matrix.Value)
        {
            try
            {
                await server.DisposeAsync();
            }
            catch (Exception ex)
            {
                errors.Add(new InvalidOperationException($"Cleaning up target '{server.Name}' failed: {ex.Message}", ex));
            }
        }

        if (errors.Count > 0)
        {
            throw new AggregateException(errors);
        }
    }
}
