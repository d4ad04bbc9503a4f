using SessionsServer.Configuration;

namespace SessionsBench.Reporting;

/// <summary>The ratios a row is read by: against memory, against the tutorial profile, against the store's floor, against the smallest table.</summary>
public static class BenchRatios
{
    /// <summary>Fills each peers row's ratios from the other rows and the floors of the same run.</summary>
    public static void Apply(BenchResults results)
    {
        var peers = results.Peers;
        for (var i = 0; i < peers.Count; i++)
        {
            var row = peers[i];
            peers[i] = row with
            {
                RatioToMemory = Ratio(row.Rps, peers.FirstOrDefault(other => other.Store == "memory" && other.Profile == row.Profile)?.Rps),
                RatioToTutorial = row.Profile == ServerProfiles.Tutorial
                    ? null
                    : Ratio(row.Rps, peers.FirstOrDefault(other => other.Store == row.Store && other.Profile == ServerProfiles.Tutorial)?.Rps),
                FractionOfFloor = Ratio(row.Rps, results.Floors.FirstOrDefault(floor => floor.Store == row.Store)?.Rps),
            };
        }
    }

    /// <summary>req/s at this table size ÷ req/s at the smallest size measured, same store and profile.</summary>
    public static double? GrowthRatio(BenchResults results, GrowthResult row) =>
        Ratio(row.Rps, results.Growth.Where(other => other.Store == row.Store && other.Profile == row.Profile).MinBy(other => other.Rows)?.Rps);

    /// <summary>The hardened row a target is judged by: serialization off when both ran.</summary>
    public static bool IsJudgedHardened(string profile) => profile == ServerProfiles.Hardened;

    private static double? Ratio(double value, double? of) => of is > 0 ? value / of.Value : null;
}
