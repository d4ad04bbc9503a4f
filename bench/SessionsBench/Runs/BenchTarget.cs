using SessionsBench.Cli;
using SessionsServer.Configuration;

namespace SessionsBench.Runs;

/// <summary>One server configuration under test: a store, a profile, and for hardened rows whether requests are serialized.</summary>
/// <param name="Serialize"><c>Sessions:SerializeRequests</c>; null for tutorial rows, which ignore it.</param>
public sealed record BenchTarget(string Store, string Profile, bool? Serialize)
{
    public const string SerializeSetting = "Sessions:SerializeRequests";

    public bool IsHardened => Profile == ServerProfiles.Hardened;

    /// <summary>The profile as the tables show it: "hardened+serialize" only when requests are serialized.</summary>
    public string ProfileLabel => Serialize == true ? $"{Profile}+serialize" : Profile;

    public string Label => $"{Store}/{ProfileLabel}";

    /// <summary>The store's settings with this target's profile (and, for hardened, the serialization setting) added.</summary>
    public Dictionary<string, string?> Settings(IReadOnlyDictionary<string, string?> storeSettings)
    {
        var settings = new Dictionary<string, string?>(storeSettings) { ["Sessions:Profile"] = Profile };
        if (Serialize is { } serialize)
        {
            settings[SerializeSetting] = serialize ? "true" : "false";
        }

        return settings;
    }

    /// <summary>Every profile asked for on one store; a hardened row per <c>--serialize</c> value.</summary>
    public static IReadOnlyList<BenchTarget> For(string store, BenchOptions options) =>
    [
        .. options.Profiles.SelectMany(profile => profile == ServerProfiles.Hardened
            ? options.Serialize.Select(serialize => new BenchTarget(store, profile, serialize))
            : [new BenchTarget(store, profile, null)]),
    ];
}
