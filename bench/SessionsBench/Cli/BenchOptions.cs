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

    public const string Usage =
        "usage: SessionsBench [--stores memory,sqlite,postgres,redis,sqlserver] [--profile tutorial,hardened] " +
        "[--sessions 32] [--seconds 10] [--warmup 2] [--probe 200] [--session-log Information|Warning]";

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var stores = KnownStores;
        var profiles = ServerProfiles.Known;
        var concurrency = 32;
        var seconds = 10.0;
        var warmup = 2.0;
        var probe = 200;
        var sessionLog = "Information";
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is "-h" or "--help")
            {
                throw new ArgumentException(Usage);
            }

            var value = i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value. {Usage}");
            switch (name)
            {
                case "--stores":
                    stores = List(value, KnownStores, name);
                    break;
                case "--profile":
                    profiles = List(value, ServerProfiles.Known, name);
                    break;
                case "--sessions":
                    concurrency = Number(value, name, 1, 1024);
                    break;
                case "--seconds":
                    seconds = Seconds(value, name, 0.5, 600);
                    break;
                case "--warmup":
                    warmup = Seconds(value, name, 0, 120);
                    break;
                case "--probe":
                    probe = Number(value, name, 10, 100_000);
                    break;
                case "--session-log":
                    sessionLog = value.Equals("warning", StringComparison.OrdinalIgnoreCase) ? "Warning"
                        : value.Equals("information", StringComparison.OrdinalIgnoreCase) ? "Information"
                        : throw new ArgumentException($"{name} '{value}': use Information or Warning.");
                    break;
                default:
                    throw new ArgumentException($"unknown option {name}. {Usage}");
            }
        }

        return new BenchOptions(stores, profiles, concurrency, TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(warmup), probe, sessionLog);
    }

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

    private static int Number(string value, string name, int min, int max) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
            ? number
            : throw new ArgumentException($"{name} '{value}': use a whole number from {min} to {max}.");

    private static double Seconds(string value, string name, double min, double max) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
            ? number
            : throw new ArgumentException($"{name} '{value}': use seconds from {min} to {max}.");
}
