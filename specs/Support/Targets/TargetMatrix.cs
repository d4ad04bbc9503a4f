using ReqnrollXunit;
using Sessions.Testing.Stores;

namespace Sessions.Specs.Support.Targets;

/// <summary>
/// The targets of this run, read once from the environment: one in-process server per store and profile (stores
/// narrowed by SESSIONS_STORES, profiles by SESSIONS_PROFILES; the tutorial profile's target is named after the
/// store, the hardened one's "store-hardened"), or the external servers SESSIONS_BASE_URL names (black-box mode).
/// Static because targets are asked for at discovery and the run hooks that dispose them are static too.
/// </summary>
public static class TargetMatrix
{
    private static readonly string[] AllStores = ["memory", "sqlite", "postgres", "redis", "sqlserver"];

    private static readonly string[] AllProfiles = ["tutorial", "hardened"];

    // Declared before DefaultTargets, which is initialised from it.
    private static readonly string[] ExtensionOnlyByDefault = ["memory-hardened", "sqlite-hardened", "postgres-hardened"];

    /// <summary>
    /// What a plain run covers: both profiles on every store. The hardened stack runs its own promises (the extension
    /// tier) everywhere, since each is made per store (its locks, key renewal and fences differ by store), but the
    /// contract tier only on the tutorial's family (SQL Server, Redis): the contract is the same code path on every
    /// store, also proven on SQLite in black-box mode, and running it three more times would cost a CI minute.
    /// SESSIONS_TARGETS=all runs every tier on every target.
    /// </summary>
    private static readonly HashSet<string> DefaultTargets = new(
        ["memory", "sqlite", "postgres", "redis", "sqlserver", "redis-hardened", "sqlserver-hardened", .. ExtensionOnlyByDefault],
        StringComparer.OrdinalIgnoreCase);

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
            return ExternalTargets(baseUrl).ToList();
        }

        var stores = Selected("SESSIONS_STORES", AllStores).ToList();
        var profiles = Selected("SESSIONS_PROFILES", AllProfiles).ToList();
        var chosen = Environment.GetEnvironmentVariable("SESSIONS_TARGETS") is { Length: > 0 } targets
            ? targets.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase)
            : Environment.GetEnvironmentVariable("SESSIONS_STORES") is { Length: > 0 } || Environment.GetEnvironmentVariable("SESSIONS_PROFILES") is { Length: > 0 }
                ? ["all"]
                : DefaultTargets;
        var plainRun = ReferenceEquals(chosen, DefaultTargets);
        return profiles
            .SelectMany(profile => stores.Select(store => (Store: store, Profile: profile, Name: TargetName(store, profile))))
            .Where(t => chosen.Contains("all") || chosen.Contains(t.Name))
            .Select(t => ForStore(t.Store, t.Profile))
            .Select(m => plainRun && ExtensionOnlyByDefault.Contains(m.Item2.Name, StringComparer.OrdinalIgnoreCase)
                ? (m.Item1, m.Item2
                    .SkipTag("contract", "a plain run proves the hardened contract tier on redis-hardened, sqlserver-hardened and in black-box mode; SESSIONS_TARGETS=all runs it here too")
                    .SkipTag("load", "a plain run loads the hardened profile on redis-hardened and sqlserver-hardened, alone on the machine (@serial); SESSIONS_TARGETS=all loads it here too"))
                : m)
            .ToList();
    }

    /// <summary>
    /// One server (<c>https://host:port</c>, target "external") or several (<c>name=https://…,name=https://…</c>); the
    /// pins in SESSIONS_CERT_SHA256 follow the same shape. Extension scenarios run only where SESSIONS_EXTENSIONS claims them.
    /// </summary>
    private static IEnumerable<(ServerUnderTest, ScenarioTarget)> ExternalTargets(string baseUrls)
    {
        var pins = Named(Environment.GetEnvironmentVariable("SESSIONS_CERT_SHA256") ?? "");
        var insecure = Environment.GetEnvironmentVariable("SESSIONS_INSECURE") == "1";
        var claims = Environment.GetEnvironmentVariable(RequirementClaims.ExtensionsVariable);
        foreach (var (name, url) in Named(baseUrls))
        {
            var pin = pins.GetValueOrDefault(name) ?? (pins.Count == 1 && pins.ContainsKey("external") ? pins["external"] : null);
            var external = new ExternalServer(name, url, pin?.Replace(":", "", StringComparison.Ordinal), insecure);
            var target = new ScenarioTarget(external.Name, external)
                .SkipTag("storage", "black-box mode (SESSIONS_BASE_URL): the suite cannot see the server's store");
            yield return (external, RequirementClaims.ForExternal(target, claims));
        }
    }

    private static Dictionary<string, string> Named(string list) =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(item => item.IndexOf('=') is var at and > 0 && !item[..at].Contains("://", StringComparison.Ordinal)
                ? (item[..at].Trim(), item[(at + 1)..].Trim())
                : ("external", item))
            .ToDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal);

    private static IEnumerable<string> Selected(string variable, string[] all)
    {
        var selection = Environment.GetEnvironmentVariable(variable);
        return string.IsNullOrWhiteSpace(selection)
            ? all
            : selection.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.ToLowerInvariant()).Distinct();
    }

    /// <summary>The tutorial profile's target is named after its store; the hardened one's is "store-hardened".</summary>
    private static string TargetName(string store, string profile) => profile == "tutorial" ? store : $"{store}-{profile}";

    private static (ServerUnderTest, ScenarioTarget) ForStore(string name, string profile)
    {
        var targetName = TargetName(name, profile);
        if (!AllProfiles.Contains(profile))
        {
            var wrong = new MisconfiguredServer(targetName, $"SESSIONS_PROFILES names '{profile}', which is not a profile; use any of: {string.Join(", ", AllProfiles)}.");
            return (wrong, new ScenarioTarget(targetName, wrong));
        }

        StoreProvisioner? store = name switch
        {
            "memory" => new MemoryStore(),
            "sqlite" => new SqliteStore(),
            "postgres" => new PostgresStore(Environment.GetEnvironmentVariable("SESSIONS_POSTGRES"), leastPrivilege: true),
            "redis" => new RedisStore(Environment.GetEnvironmentVariable("SESSIONS_REDIS")),
            "sqlserver" => new SqlServerStore(Environment.GetEnvironmentVariable("SESSIONS_SQLSERVER"), leastPrivilege: true),
            _ => null,
        };
        if (store is null)
        {
            var wrong = new MisconfiguredServer(targetName, $"SESSIONS_STORES names '{name}', which is not a store; use any of: {string.Join(", ", AllStores)}.");
            return (wrong, new ScenarioTarget(targetName, wrong));
        }

        var server = new InProcessServer(targetName, store, profile);
        // Both profiles of a store share its lane: their timed outage scenarios would slow each other's store.
        var target = RequirementClaims.ForProfile(new ScenarioTarget(targetName, server) { Lane = name }, profile);
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
