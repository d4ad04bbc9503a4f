using System.Diagnostics.Metrics;

namespace Sessions.Caching.Diagnostics;

/// <summary>
/// Counts every command sent to the store, so round trips per cache operation can be measured
/// (by tests with a MeterListener, in production with any OpenTelemetry exporter).
/// </summary>
public sealed class SessionCacheMetrics : IDisposable
{
    public const string MeterName = "Sessions.Caching";
    public const string CommandsCounterName = "sessions.store.commands";

    private readonly bool _ownsMeter;
    private readonly Counter<long> _commands;

    /// <param name="meterFactory">The host's factory; without one the meter is private to this instance.</param>
    public SessionCacheMetrics(IMeterFactory? meterFactory = null)
    {
        Meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _ownsMeter = meterFactory is null;
        _commands = Meter.CreateCounter<long>(
            CommandsCounterName,
            unit: "{command}",
            description: "Commands (batches) executed against the session store, tagged by store and operation.");
    }

    public Meter Meter { get; }

    internal void CommandExecuted(string store, string operation) =>
        _commands.Add(1, new KeyValuePair<string, object?>("store", store), new KeyValuePair<string, object?>("operation", operation));

    public void Dispose()
    {
        // A factory-made meter belongs to the factory, which disposes it with the container.
        if (_ownsMeter)
        {
            Meter.Dispose();
        }
    }
}
