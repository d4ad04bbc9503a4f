using Microsoft.Extensions.Logging;
using SessionsBench.Cli;
using SessionsBench.Hosting;
using SessionsBench.Measurement;
using SessionsBench.Reporting;
using SessionsBench.Runs;
using SessionsBench.Sections;
using Spectre.Console;

namespace SessionsBench;

/// <summary>
/// Entry point. Not top-level statements: those would declare a global <c>Program</c> that clashes with the
/// server's own <c>Program</c>, which the host needs.
/// </summary>
public static class SessionsBenchApp
{
    private static readonly IBenchSection[] Sections =
        [new PeersSection(), new FloorSection(), new GrowthSection(), new SweepSection(), new ConcurrencySection()];

    public static async Task<int> Main(string[] args)
    {
        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 2;
        }

        var root = RepositoryRoot.Find();
        var progressConsole = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        using var logging = LoggerFactory.Create(builder => builder.AddProvider(new ConsoleLogProvider(progressConsole)).SetMinimumLevel(LogLevel.Information));
        var log = logging.CreateLogger("SessionsBench");
        var context = new BenchContext(options, Path.Combine(root, "src", "SessionsServer"), new StoreCallCounter(), log);
        var results = new BenchResults();
        log.LogInformation(
            "sessions bench: sections {Sections}; stores {Stores} x {Profiles}; {Sessions} sessions, {Warmup:0.#} s warm-up, {Seconds:0.#} s measured; " +
            "serialize {Serialize}; Microsoft.AspNetCore.Session logs at {Level}",
            string.Join(",", options.Sections), string.Join(",", options.Stores), string.Join(",", options.Profiles), options.Sessions,
            options.Warmup.TotalSeconds, options.Duration.TotalSeconds, string.Join(",", options.Serialize.Select(on => on ? "on" : "off")), options.SessionLogLevel);

        await progressConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async progress =>
            {
                var warmUp = progress.AddTask("process warm-up", maxValue: 1);
                var bars = Sections.Where(section => options.Runs(section.Name))
                    .Select(section => (section, new SectionProgress(progress.AddTask(section.Name, autoStart: false, maxValue: Math.Max(1, section.Steps(options))), section.Name)))
                    .ToList();
                await ProcessWarmUp.RunAsync(context);
                warmUp.Increment(1);
                foreach (var (section, bar) in bars)
                {
                    await section.RunAsync(context, results, bar);
                    bar.Finish();
                }
            });

        BenchRatios.Apply(results);
        Report(results, options, root);
        return results.Broken ? 1 : 0;
    }

    private static void Report(BenchResults results, BenchOptions options, string root)
    {
        var stdout = ConsoleReport.Stdout();
        foreach (var table in ReportTables.All(results).Append(TargetVerdicts.Render(results)))
        {
            ConsoleReport.Write(stdout, table);
        }

        Console.Out.WriteLine("(alloc B/req counts client and server together: they share this process)");
        foreach (var result in results.Peers.Where(result => result.ErrorSamples.Count > 0))
        {
            Console.Out.WriteLine($"{result.Store}/{result.Profile} first errors:");
            foreach (var sample in result.ErrorSamples)
            {
                Console.Out.WriteLine($"  {sample}");
            }
        }

        foreach (var line in results.Engines.Select(pair => $"{pair.Key} target: {pair.Value}")
            .Concat(results.Skipped.Select(reason => $"skipped {reason}"))
            .Concat(results.Failed.Select(failure => $"FAILED {failure}")))
        {
            Console.Out.WriteLine(line);
        }

        var directory = Path.Combine(root, "artifacts", "bench");
        Directory.CreateDirectory(directory);
        var plots = BenchPlots.Write(results, directory);
        File.WriteAllText(Path.Combine(directory, "results.md"), MarkdownReport.Render(results, options, plots));
        Console.Out.WriteLine($"wrote {Path.Combine("artifacts", "bench")}: results.md{string.Concat(plots.Select(plot => ", " + plot))}");
        Console.Out.WriteLine(JsonSummary.Render(results));
    }
}
