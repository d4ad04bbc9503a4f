using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using SessionsServer.Stores;

namespace SessionsBench.Measurement;

/// <summary>
/// Counts the server's own record of store calls (one per <c>IDistributedCache</c> call, tagged with the
/// operation), so round trips are counted rather than inferred from timings.
/// </summary>
public sealed class StoreCallListener : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _byOperation = new(StringComparer.Ordinal);

    public StoreCallListener()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == GuardedDistributedCache.MeterName && instrument.Name == GuardedDistributedCache.CallsCounterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>(OnMeasurement);
        _listener.Start();
    }

    /// <summary>Calls per operation since the listener started; subtract two snapshots to count a phase.</summary>
    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>(_byOperation, StringComparer.Ordinal);

    public void Dispose() => _listener.Dispose();

    private void OnMeasurement(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        var operation = "unknown";
        foreach (var tag in tags)
        {
            if (tag.Key == "operation" && tag.Value is string name)
            {
                operation = name;
            }
        }

        _byOperation.AddOrUpdate(operation, value, (_, total) => total + value);
    }
}
