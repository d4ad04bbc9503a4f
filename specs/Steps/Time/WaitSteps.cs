using Reqnroll;
using Sessions.Specs.Support.Scenario;
using Sessions.Specs.Support.Http;

namespace Sessions.Specs.Steps.Time;

/// <summary>
/// Real waiting, because idle expiry is measured by the server's and the store's own clocks. Each wait is counted
/// from the side of the last request that makes the check strict, so a slow request on a busy machine neither
/// eats the margin nor hides a failure.
/// </summary>
[Binding]
public sealed class WaitSteps(SessionDriver session, CurrentScenario scenario)
{
    /// <summary>From the last answer: the session was written before it arrived, so it has been idle at least this long.</summary>
    [When("the session stays idle for {int} seconds")]
    public Task Idle(int seconds) => WaitUntil(session.LastReceivedAt.AddSeconds(seconds), $"idle {seconds} s after the last answer");

    /// <summary>From the last request leaving: the session was written after that, so it has been idle at most this long.</summary>
    [When("{int} seconds have passed since my last request")]
    public Task SinceRequest(int seconds) => WaitUntil(session.LastSentAt.AddSeconds(seconds), $"{seconds} s after the last request left");

    private async Task WaitUntil(DateTimeOffset until, string what)
    {
        var started = DateTimeOffset.UtcNow;
        var left = until - started;
        if (left > TimeSpan.Zero)
        {
            await Task.Delay(left, scenario.CancellationToken);
        }

        // The timestamps show in the report whether waiting scenarios overlapped.
        scenario.Attach($"waited until {what}: {started:HH:mm:ss.fff} -> {DateTimeOffset.UtcNow:HH:mm:ss.fff} UTC");
    }
}
