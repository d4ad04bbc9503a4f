using System.Text;
using SessionsBench.Cli;

namespace SessionsBench.Reporting;

/// <summary>artifacts/bench/results.md: what produced the run, its tables, the targets, and the plots beside it.</summary>
public static class MarkdownReport
{
    public static string Render(BenchResults results, BenchOptions options, IReadOnlyList<string> plots)
    {
        var text = new StringBuilder();
        text.Append("# Sessions benchmark\n\n");
        text.Append($"{results.Started:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}; ");
        text.Append($"sections {string.Join(", ", options.Sections)}; {options.Sessions} concurrent sessions, {options.Warmup.TotalSeconds:0.#} s warm-up, ");
        text.Append($"{options.Duration.TotalSeconds:0.#} s measured per row; mix 70 % `/session/counter`, 20 % `/session/whoami`, 10 % `/session/get?key=color`; ");
        text.Append($"`Microsoft.AspNetCore.Session` logs at {options.SessionLogLevel}; ");
        text.Append($"`Sessions:SerializeRequests` {string.Join(",", options.Serialize.Select(on => on ? "on" : "off"))} on hardened rows.\n\n");
        foreach (var (store, engine) in results.Engines.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            text.Append($"- {store}: {engine}\n");
        }

        foreach (var table in ReportTables.All(results).Append(TargetVerdicts.Render(results)))
        {
            text.Append($"\n## {table.Title}\n\n").Append(table.ToMarkdown()).Append('\n');
        }

        if (results.Peers.Count > 0)
        {
            text.Append("\nStore calls by operation (from the probe):\n\n");
            foreach (var result in results.Peers)
            {
                text.Append($"- {result.Store}/{result.Profile}: read = {result.TripsRead.Breakdown}; write = {result.TripsWrite.Breakdown}\n");
            }
        }

        foreach (var line in results.Skipped.Select(reason => $"- skipped: {reason}").Concat(results.Failed.Select(failure => $"- FAILED: {failure}")))
        {
            text.Append(line).Append('\n');
        }

        if (plots.Count > 0)
        {
            text.Append("\n## Plots\n\n");
            foreach (var plot in plots)
            {
                text.Append($"![{plot}]({plot})\n\n");
            }
        }

        text.Append("\nThe README's Benchmark section says what every column means.\n");
        return text.ToString();
    }
}
