using System.Text.RegularExpressions;

namespace Gherkin.Runner.Tests.Engine;

/// <summary>Removes what legitimately changes between runs (times, durations, thread ids, stack traces) from a message line.</summary>
static partial class GoldenText
{
    [GeneratedRegex(@"""(timestamp|duration)"":\{""seconds"":\d+,""nanos"":\d+\}")]
    private static partial Regex Times();

    [GeneratedRegex(@"""workerId"":""\d+""")]
    private static partial Regex Workers();

    [GeneratedRegex(@"""stackTrace"":""(?:[^""\\]|\\.)*""")]
    private static partial Regex Stacks();

    public static string Normalize(string line)
    {
        line = Times().Replace(line, m => $"\"{m.Groups[1].Value}\":0");
        line = Workers().Replace(line, "\"workerId\":\"w\"");
        return Stacks().Replace(line, "\"stackTrace\":\"...\"");
    }
}
