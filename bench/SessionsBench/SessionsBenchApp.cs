using SessionsBench.Cli;
using SessionsBench.Measurement;
using SessionsBench.Reporting;
using SessionsBench.Runs;
using Sessions.Testing.Stores;
using SessionsBench.Stores;

namespace SessionsBench;

/// <summary>
/// Entry point. Not top-level statements: those would declare a global <c>Program</c> that clashes with the
/// server's own <c>Program</c>, which the host needs.
/// </summary>
public static class SessionsBenchApp
{
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
        var started = DateTimeOffset.UtcNow;
        var results = new List<StoreResult>();
        var skipped = new List<string>();
        var failed = new List<string>();
        var output = Console.Out;
        output.WriteLine($"sessions bench: {string.Join(",", options.Stores)} x {string.Join(",", options.Profiles)}; " +
            $"{options.Sessions} sessions, {options.Warmup.TotalSeconds:0.#} s warm-up, {options.Duration.TotalSeconds:0.#} s measured; " +
            $"Microsoft.AspNetCore.Session logs at {options.SessionLogLevel}");

        var calls = new StoreCallCounter();
        var serverContentRoot = Path.Combine(root, "src", "SessionsServer");
        await WarmUpProcessAsync(options, serverContentRoot, calls, output);
        foreach (var storeName in options.Stores)
        {
            foreach (var profile in options.Profiles)
            {
                var outcome = await RunOneAsync(storeName, profile, options, serverContentRoot, calls, output);
                if (outcome.Result is { } result)
                {
                    results.Add(result);
                }
                else if (outcome.Skipped is { } reason)
                {
                    skipped.Add(reason);
                    output.WriteLine($"  skipped {reason}");
                    break;
                }
                else if (outcome.Failure is { } failure)
                {
                    failed.Add(failure);
                    output.WriteLine($"  FAILED {failure}");
                }
            }
        }

        results = [.. results.Select(result => result with { RatioToMemory = RatioToMemory(result, results) })];
        Report(results, skipped, failed, options, started, root, output);

        var broken = results.Where(result => result.Failed).ToList();
        return broken.Count > 0 || failed.Count > 0 ? 1 : 0;
    }

    private static async Task<(StoreResult? Result, string? Skipped, string? Failure)> RunOneAsync(
        string storeName, string profile, BenchOptions options, string serverContentRoot, StoreCallCounter calls, TextWriter output)
    {
        await using var store = StoreCatalog.Create(storeName, options.Sessions);
        if (store.UnavailableReason is { } reason)
        {
            return (null, $"{storeName}: {reason}", null);
        }

        IReadOnlyDictionary<string, string?> settings;
        try
        {
            settings = await store.PrepareAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            return (null, null, $"{storeName}/{profile}: could not prepare the store: {ex.GetType().Name}: {ex.Message}");
        }

        try
        {
            return (await TargetRun.RunAsync(storeName, settings, profile, options, serverContentRoot, calls, output), null, null);
        }
        catch (Exception ex)
        {
            return (null, null, $"{storeName}/{profile}: {ex.GetType().Name}: {ex.Message}");
        }
    }

    /// <summary>
    /// A discarded memory run first: otherwise the first row alone pays for JIT-compiling Kestrel, TLS and the
    /// client, and rows would differ by their position, not by their store. Each row still gets its own warm-up.
    /// </summary>
    private static async Task WarmUpProcessAsync(BenchOptions options, string serverContentRoot, StoreCallCounter calls, TextWriter output)
    {
        if (options.Warmup <= TimeSpan.Zero)
        {
            return;
        }

        // Every profile, and longer than a row's own warm-up: with only the first one warmed, the
        // first measured row still ran at about half speed (seen: memory/stock 10.8k req/s first, 18.6k second).
        var duration = TimeSpan.FromTicks(Math.Max(options.Warmup.Ticks, TimeSpan.FromSeconds(5).Ticks));
        foreach (var profile in options.Profiles)
        {
            output.WriteLine($"  process warm-up: memory/{profile} for {duration.TotalSeconds:0.#} s (not reported)");
            await using var store = new MemoryStore();
            try
            {
                await TargetRun.RunAsync(store.Name, await store.PrepareAsync(CancellationToken.None), profile, options with { Duration = duration, Warmup = TimeSpan.Zero, ProbeRequests = 10 }, serverContentRoot, calls, TextWriter.Null);
            }
            catch (Exception ex)
            {
                // Not fatal here: the measured rows run the same code and report the failure where it belongs.
                output.WriteLine($"  process warm-up failed: {ex.GetType().Name}: {ex.Message}");
            }
        }
    }

    private static double? RatioToMemory(StoreResult result, IReadOnlyList<StoreResult> all) =>
        all.FirstOrDefault(other => other.Store == "memory" && other.Profile == result.Profile) is { Rps: > 0 } memory
            ? result.Rps / memory.Rps
            : null;

    private static void Report(
        IReadOnlyList<StoreResult> results, IReadOnlyList<string> skipped, IReadOnlyList<string> failed,
        BenchOptions options, DateTimeOffset started, string root, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine(ResultTable.ForConsole(results));
        output.WriteLine("(alloc B/req counts client and server together: they share this process)");
        foreach (var result in results.Where(result => result.ErrorSamples.Count > 0))
        {
            output.WriteLine($"{result.Store}/{result.Profile} first errors:");
            foreach (var sample in result.ErrorSamples)
            {
                output.WriteLine($"  {sample}");
            }
        }

        foreach (var line in skipped.Select(reason => $"skipped {reason}").Concat(failed.Select(failure => $"FAILED {failure}")))
        {
            output.WriteLine(line);
        }

        var directory = Path.Combine(root, "artifacts", "bench");
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "results.md"), MarkdownReport.Render(results, skipped, failed, options, started));
        File.WriteAllText(Path.Combine(directory, "results.svg"), SvgChart.Render(results, started));
        output.WriteLine($"wrote {Path.Combine("artifacts", "bench", "results.md")} and {Path.Combine("artifacts", "bench", "results.svg")}");
        output.WriteLine(JsonSummary.Render(results, skipped, failed));
    }
}
