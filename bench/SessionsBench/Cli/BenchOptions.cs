using System.Globalization;
using SessionsServer.Configuration;

namespace SessionsBench.Cli;

/// <summary>What the command line asked for; every value is checked here so a typo fails before any server starts.</summary>
public sealed record BenchOptions(
    IReadOnlyList<string> Stores,
    IReadOnlyList<string> Profiles,
    int Sessions,
    TimeSpan Duration,
    TimeSpan Warmup,
    int ProbeRequests,
    string SessionLogLevel = "Information")
{
    public static readonly IReadOnlyList<string> KnownStores = ["memory", "sqlite", "postgres", "redis", "sqlserver"];

    /// <summary>The stores with a table: growth and sweep run only on these.</summary>
    public static readonly IReadOnlyList<string> RelationalStores = ["sqlite", "postgres", "sqlserver"];

    public IReadOnlyList<string> Sections { get; init; } = BenchSections.All;

    /// <summary>Sessions per store for the concurrency curve.</summary>
    public IReadOnlyList<int> ConcurrencyLevels { get; init; } = [1, 4, 16, 64];

    /// <summary>Stored sessions seeded into the table before each growth step.</summary>
    public IReadOnlyList<int> GrowthRows { get; init; } = [10_000, 100_000, 1_000_000];

    /// <summary>Expired rows the sweep section seeds and then sweeps under load.</summary>
    public int SweepRows { get; init; } = 100_000;

    /// <summary><c>Sessions:SerializeRequests</c> values for hardened rows; tutorial rows ignore the setting.</summary>
    public IReadOnlyList<bool> Serialize { get; init; } = [false];

    public const string Usage =
        "usage: SessionsBench [--stores memory,sqlite,postgres,redis,sqlserver] [--profile tutorial,hardened] " +
        "[--sections peers,floor,growth,sweep,concurrency] [--sessions 16] [--seconds 5] [--warmup 2] [--probe 200] " +
        "[--concurrency 1,4,16,64] [--growth 10000,100000,1000000] [--sweep-rows 100000] [--serialize off,on] " +
        "[--session-log Information|Warning]";

    public bool Runs(string section) => Sections.Contains(section);

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions(KnownStores, ServerProfiles.Known, 16, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(2), 200);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is "-h" or "--help")
            {
                throw new ArgumentException(Usage);
            }

            var value = i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value. {Usage}");
            options = name switch
            {
                "--stores" => options with { Stores = List(value, KnownStores, name) },
                "--profile" => options with { Profiles = List(value, ServerProfiles.Known, name) },
                "--sections" => options with { Sections = List(value, BenchSections.All, name) },
                "--sessions" => options with { Sessions = Number(value, name, 1, 1024) },
                "--seconds" => options with { Duration = TimeSpan.FromSeconds(Seconds(value, name, 0.5, 600)) },
                "--warmup" => options with { Warmup = TimeSpan.FromSeconds(Seconds(value, name, 0, 120)) },
                "--probe" => options with { ProbeRequests = Number(value, name, 10, 100_000) },
                "--concurrency" => options with { ConcurrencyLevels = Numbers(value, name, 1, 1024) },
                "--growth" => options with { GrowthRows = Numbers(value, name, 0, 10_000_000) },
                "--sweep-rows" => options with { SweepRows = Number(value, name, 1, 10_000_000) },
                "--serialize" => options with { Serialize = [.. List(value, ["off", "on"], name).Select(item => item == "on")] },
                "--session-log" => options with { SessionLogLevel = LogLevelName(value, name) },
                _ => throw new ArgumentException($"unknown option {name}. {Usage}"),
            };
        }

        return options;
    }

    /// <summary>The largest number of sessions any section drives at once, so a store's connection pool can be sized for it.</summary>
    public int MostSessions => Runs(BenchSections.Concurrency) ? Math.Max(Sessions, ConcurrencyLevels.Max()) : Sessions;

    private static string LogLevelName(string value, string name) =>
        value.Equals("warning", StringComparison.OrdinalIgnoreCase) ? "Warning"
        : value.Equals("information", StringComparison.OrdinalIgnoreCase) ? "Information"
        : throw new ArgumentException($"{name} '{value}': use Information or Warning.");

    private static List<string> List(string value, IReadOnlyList<string> known, string name)
    {
        var items = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(item => item.ToLowerInvariant())
            .Distinct()
            .ToList();
        var unknown = items.Where(item => !known.Contains(item)).ToList();
        if (items.Count == 0 || unknown.Count > 0)
        {
            throw new ArgumentException($"{name} '{value}': use a comma-separated list of {string.Join(", ", known)}.");
        }

        return items;
    }

    private static List<int> Numbers(string value, string name, int min, int max)
    {
        var items = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(item => Number(item, name, min, max))
            .Distinct()
            .Order()
            .ToList();
        return items.Count > 0 ? items : throw new ArgumentException($"{name} '{value}': use a comma-separated list of whole numbers.");
    }

    private static int Number(string value, string name, int min, int max) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
            ? number
            : throw new ArgumentException($"{name} '{value}': use a whole number from {min} to {max}.");

    private static double Seconds(string value, string name, double min, double max) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
            ? number
            : throw new ArgumentException($"{name} '{value}': use seconds from {min} to {max}.");
}
