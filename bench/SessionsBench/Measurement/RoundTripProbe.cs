using SessionsBench.Load;

namespace SessionsBench.Measurement;

/// <summary>
/// Attributes store calls to request kinds exactly: one session, nothing else running, one kind at a time,
/// so every call counted in a stretch belongs to that stretch's requests.
/// </summary>
public static class RoundTripProbe
{
    public static async Task<(RoundTrips Read, RoundTrips Write)> MeasureAsync(BenchSession session, StoreCallCounter calls, int requests)
    {
        var whoAmI = await MeasureAsync(session, calls, RequestKind.WhoAmI, requests);
        var get = await MeasureAsync(session, calls, RequestKind.GetColor, requests);
        var counter = await MeasureAsync(session, calls, RequestKind.Counter, requests);
        return (RoundTrips.Mean(whoAmI, get), counter);
    }

    private static async Task<RoundTrips> MeasureAsync(BenchSession session, StoreCallCounter calls, RequestKind kind, int requests)
    {
        var before = calls.Snapshot();
        for (var i = 0; i < requests; i++)
        {
            // Awaited one by one: the server counts a call when it starts it, and each answer only arrives after the commit.
            await session.SendAsync(kind, record: false);
        }

        return RoundTrips.Between(before, calls.Snapshot(), requests);
    }
}
