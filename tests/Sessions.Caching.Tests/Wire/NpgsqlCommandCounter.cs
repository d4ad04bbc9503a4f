using System.Diagnostics;

namespace Sessions.Caching.Tests.Wire;

/// <summary>Npgsql starts one activity per command it executes on its "Npgsql" ActivitySource.</summary>
public sealed class NpgsqlCommandCounter : WireCommandCounter
{
    private readonly ActivityListener _listener;

    public NpgsqlCommandCounter(string marker)
        : base(marker)
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                // The statement text is a tag; its name differs between semantic-convention versions.
                var text = activity.TagObjects.Select(t => t.Value as string).FirstOrDefault(v => v?.Contains(' ', StringComparison.Ordinal) == true && v.Contains(marker, StringComparison.Ordinal));
                Observe(text);
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public override void Dispose() => _listener.Dispose();
}
