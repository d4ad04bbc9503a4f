using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Sessions.Caching.Diagnostics;

namespace Sessions.Caching.Tests.Contract;

/// <summary>Listens to one cache's own meter, so parallel tests on other caches never add to the counts.</summary>
internal sealed class CommandCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _counts = new();

    public CommandCounter(Meter meter)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter) && instrument.Name == SessionCacheMetrics.CommandsCounterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "operation" && tag.Value is string operation)
                {
                    _counts.AddOrUpdate(operation, value, (_, total) => total + value);
                }
            }
        });
        _listener.Start();
    }

    public long this[string operation] => _counts.GetValueOrDefault(operation);

    public long Total => _counts.Values.Sum();

    public void Reset() => _counts.Clear();

    public void Dispose() => _listener.Dispose();
}
