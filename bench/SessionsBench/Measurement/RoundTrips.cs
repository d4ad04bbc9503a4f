using System.Globalization;

namespace SessionsBench.Measurement;

/// <summary>Store calls per request of one kind, in total and by operation (get, set, refresh, remove).</summary>
public sealed record RoundTrips(double PerRequest, IReadOnlyDictionary<string, double> ByOperation)
{
    public static RoundTrips Between(IReadOnlyDictionary<string, long> before, IReadOnlyDictionary<string, long> after, int requests)
    {
        var byOperation = after
            .Select(pair => (pair.Key, Calls: pair.Value - before.GetValueOrDefault(pair.Key)))
            .Where(pair => pair.Calls > 0)
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .ToDictionary(pair => pair.Key, pair => (double)pair.Calls / requests, StringComparer.Ordinal);
        return new RoundTrips(byOperation.Values.Sum(), byOperation);
    }

    /// <summary>The mean of two equally sized measurements, e.g. whoami and get for "read".</summary>
    public static RoundTrips Mean(RoundTrips first, RoundTrips second)
    {
        var byOperation = first.ByOperation.Keys.Union(second.ByOperation.Keys)
            .OrderBy(key => key, StringComparer.Ordinal)
            .ToDictionary(key => key, key => (first.ByOperation.GetValueOrDefault(key) + second.ByOperation.GetValueOrDefault(key)) / 2, StringComparer.Ordinal);
        return new RoundTrips((first.PerRequest + second.PerRequest) / 2, byOperation);
    }

    /// <summary>For example "get 1 + refresh 1".</summary>
    public string Breakdown => ByOperation.Count == 0
        ? "none"
        : string.Join(" + ", ByOperation.Select(pair => $"{pair.Key} {pair.Value.ToString("0.##", CultureInfo.InvariantCulture)}"));
}
