using System.Diagnostics;
using FluentAssertions;
using Gherkin.Runner.Reporting;
using Xunit;

namespace Gherkin.Runner.Tests.Suite;

/// <summary>
/// Runs this test assembly as a child process with xunit's in-process runner (theories pre-enumerated, as under
/// Microsoft.Testing.Platform) to check what users see when they list and filter.
/// </summary>
public sealed class EndToEndTests
{
    static async Task<(string Output, TimeSpan Elapsed)> RunSelfAsync(string livingDoc, params string[] arguments)
    {
        var assembly = Path.Combine(AppContext.BaseDirectory, "Gherkin.Runner.Tests.dll");
        var start = new ProcessStartInfo("dotnet", ["exec", assembly, .. arguments]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment[LivingDocumentation.DirectoryVariable] = livingDoc;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (output + await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken), clock.Elapsed);
    }

    static string TempDirectory() => Path.Combine(Path.GetTempPath(), "gherkin-runner-e2e", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task List_tests_shows_one_case_per_scenario_and_target()
    {
        var (output, _) = await RunSelfAsync(TempDirectory(), "-noColor", "-preEnumerateTheories", "-list", "tests");
        output.Should().Contain("Counter: Counting calls (calls: 3) [alpha]")
            .And.Contain("Counter: Counting 4 as four [gamma]")
            .And.Contain("Parallel: Running alone [beta]");
    }

    [Fact]
    public async Task Trait_filter_runs_only_selected_scenarios_and_they_overlap()
    {
        var livingDoc = TempDirectory();
        var (output, elapsed) = await RunSelfAsync(livingDoc, "-noColor", "-preEnumerateTheories", "-trait", "Category=parallel-proof");
        // 6 scenarios x 3 targets; the unavailable target's six are skipped, never passed.
        output.Should().Contain("Total: 18, Errors: 0, Failed: 0, Skipped: 6");
        // Twenty-four seconds of waits; process start and discovery cost a few seconds on top of one 2 s wait.
        elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
        var pickles = NdjsonFormat.Read(Path.Combine(livingDoc, "messages.ndjson")).Select(e => e.Pickle).OfType<Io.Cucumber.Messages.Types.Pickle>().ToList();
        pickles.Select(p => p.Name).Should().BeEquivalentTo(
            from target in new[] { "alpha", "beta", "gamma" } from i in Enumerable.Range(1, 6) select $"Waiting {i} [{target}]");
    }
}
