using System.Text.Json;
using FluentAssertions;
using Gherkin.Runner.Execution;
using Gherkin.Runner.Features;
using Gherkin.Runner.Reporting;
using Gherkin.Runner.Tests.Suite;
using Io.Cucumber.Messages.Types;
using Xunit;

namespace Gherkin.Runner.Tests.Engine;

public sealed class CatalogAndReportTests
{
    [Fact]
    public void Pickles_are_named_after_feature_and_scenario_with_example_values_when_needed()
    {
        var names = EngineRuns.Create(directory: "Fixtures/Suite").Catalog.Cases.Where(c => c.Feature.Name == "Counter").Select(c => c.DisplayName);
        names.Should().Equal(
            "Counter: Counting once",
            "Counter: Counting calls (calls: 1)",
            "Counter: Counting calls (calls: 3)",
            "Counter: Counting calls (calls: 100)",
            "Counter: Counting 2 as two",
            "Counter: Counting 4 as four",
            "Counter: Adding a table",
            "Counter: Reading a doc string");
    }

    [Fact]
    public void Data_rows_carry_display_names_traits_keys_and_the_serial_flag()
    {
        var rows = FixtureSuite.Scenarios.ToList();
        rows.Should().HaveCount(51);
        var row = rows.Single(r => r.TestDisplayName == "Counter: Counting calls (calls: 3) [beta]");
        row.Data.Should().Be(("Suite/Counter.feature:24", "beta"));
        row.Traits["Category"].Should().BeEquivalentTo("counter", "few");
        row.Traits["Target"].Should().BeEquivalentTo("beta");
        row.Traits["Feature"].Should().BeEquivalentTo("Counter");
        rows.Single(r => r.TestDisplayName == "Counter: Adding a table [alpha]").Traits["Category"].Should().BeEquivalentTo("counter", "tables");
        rows.Where(r => r.DisableParallelization == true).Select(r => r.TestDisplayName).Should().OnlyContain(n => n.StartsWith("Parallel: Running alone", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Targets_multiply_scenarios_and_skip_with_their_reason()
    {
        ScenarioTarget[] targets = [new("alpha", new TargetInfo("A")), new ScenarioTarget("beta", new TargetInfo("B")).SkipTag("@store-internals", "black box"), new ScenarioTarget("gamma").Unavailable("absent")];
        var run = EngineRuns.Create(directory: "Fixtures/Suite", types: [typeof(TargetSteps)], targets: targets);
        var store = run.Catalog.Cases.Where(c => c.Pickle.Name.StartsWith("Looking inside the store", StringComparison.Ordinal)).ToList();
        store.Select(c => c.DisplayName).Should().Equal("Skips: Looking inside the store [alpha]", "Skips: Looking inside the store [beta]", "Skips: Looking inside the store [gamma]");
        var results = new List<ScenarioResult>();
        foreach (var scenario in store) results.Add(await run.RunAsync(scenario, cancellationToken: TestContext.Current.CancellationToken));
        results[0].Status.Should().Be(ScenarioStatus.Passed, results[0].Message);
        results[1].Should().Match<ScenarioResult>(r => r.Status == ScenarioStatus.Skipped && r.Message!.Contains("black box"));
        results[2].Should().Match<ScenarioResult>(r => r.Status == ScenarioStatus.Skipped && r.Message!.Contains("absent"));
        var pickles = (await run.FinishAsync()).Select(e => e.Pickle).OfType<Pickle>().ToList();
        pickles.Select(p => p.Name).Should().Contain("Looking inside the store [beta]");
        pickles.Should().OnlyContain(p => p.Tags.Any(t => t.Name.StartsWith("@target:", StringComparison.Ordinal)));
        pickles.Select(p => p.Id).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task Each_target_gets_its_own_document_in_the_report_so_one_target_cannot_hide_another()
    {
        ScenarioTarget[] targets = [new("alpha", new TargetInfo("A")), new ScenarioTarget("gamma").Unavailable("absent")];
        var run = EngineRuns.Create(directory: "Fixtures/Suite", types: [typeof(TargetSteps)], targets: targets);
        var store = run.Catalog.Cases.Where(c => c.Pickle.Name.StartsWith("Looking inside the store", StringComparison.Ordinal)).ToList();
        store.Select(c => c.Key).Distinct().Should().ContainSingle("xunit finds a case by its feature's own uri and line, whatever the target");
        foreach (var scenario in store) await run.RunAsync(scenario, cancellationToken: TestContext.Current.CancellationToken);

        var envelopes = await run.FinishAsync();
        var documents = envelopes.Select(e => e.GherkinDocument).OfType<GherkinDocument>().Select(d => d.Uri).ToList();
        documents.Should().Contain(u => u.EndsWith(" [alpha]", StringComparison.Ordinal)).And.Contain(u => u.EndsWith(" [gamma]", StringComparison.Ordinal));
        documents.Should().OnlyHaveUniqueItems();
        envelopes.Select(e => e.Source).OfType<Source>().Select(s => s.Uri).Should().BeEquivalentTo(documents);
        foreach (var pickle in envelopes.Select(e => e.Pickle).OfType<Pickle>())
        {
            var target = pickle.Tags.Single(t => t.Name.StartsWith("@target:", StringComparison.Ordinal)).Name["@target:".Length..];
            pickle.Uri.Should().EndWith($" [{target}]", "a pickle belongs to its target's copy of the document");
        }
    }

    [Fact]
    public async Task Messages_follow_the_schema_and_every_reference_resolves()
    {
        var path = await WriteEngineRunAsync();
        var lines = File.ReadAllLines(path);
        var envelopes = lines.Select(NdjsonFormat.Deserialize).ToList();
        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line);
            json.RootElement.EnumerateObject().Should().HaveCount(1, "an envelope holds exactly one message");
        }
        lines.Should().Contain(l => l.Contains("\"status\":\"UNDEFINED\"", StringComparison.Ordinal));
        lines[0].Should().StartWith("{\"meta\":{\"protocolVersion\":");
        var pickleSteps = envelopes.Select(e => e.Pickle).OfType<Pickle>().SelectMany(p => p.Steps).Select(s => s.Id).ToHashSet();
        var pickles = envelopes.Select(e => e.Pickle).OfType<Pickle>().Select(p => p.Id).ToHashSet();
        var testCases = envelopes.Select(e => e.TestCase).OfType<TestCase>().ToList();
        var definitions = envelopes.Select(e => e.StepDefinition?.Id ?? e.Hook?.Id).OfType<string>().ToHashSet();
        testCases.Should().OnlyContain(t => pickles.Contains(t.PickleId));
        testCases.SelectMany(t => t.TestSteps).Should().OnlyContain(s => s.HookId != null ? definitions.Contains(s.HookId) : pickleSteps.Contains(s.PickleStepId) && s.StepDefinitionIds.All(definitions.Contains));
        var started = envelopes.Select(e => e.TestCaseStarted).OfType<TestCaseStarted>().ToList();
        started.Should().OnlyContain(s => testCases.Any(t => t.Id == s.TestCaseId) && s.Timestamp != null);
        envelopes.Select(e => e.TestStepFinished).OfType<TestStepFinished>().Should().OnlyContain(f => started.Any(s => s.Id == f.TestCaseStartedId) && f.TestStepResult.Duration != null);
        envelopes[^1].TestRunFinished.Should().NotBeNull();
        envelopes[^1].TestRunFinished.Success.Should().BeFalse("the engine fixture contains failing scenarios");
    }

    [Fact]
    public async Task Html_report_shows_every_scenario()
    {
        if (LivingDocumentation.FindRenderer() is null)
            Assert.Skip("Node renderer not installed: cd specs/Runner/report && npm ci");
        var path = await WriteEngineRunAsync();
        var html = Path.ChangeExtension(path, ".html");
        (await LivingDocumentation.RenderHtmlAsync(path, html, TestContext.Current.CancellationToken)).Should().BeNull();
        var page = await File.ReadAllTextAsync(html, TestContext.Current.CancellationToken);
        foreach (var name in EngineRuns.Create().Catalog.Cases.Select(c => c.Pickle.Name))
            page.Should().Contain(name);
    }

    [Fact]
    public async Task Output_matches_the_golden_file_once_ids_and_times_are_normalized()
    {
        var run = EngineRuns.Create(directory: "Fixtures/Golden");
        foreach (var scenario in run.Catalog.Cases) await run.RunAsync(scenario, (c, _) => c.Register(new Recorder()), TestContext.Current.CancellationToken);
        var actual = string.Join("\n", (await run.FinishAsync()).Skip(1).Select(NdjsonFormat.Serialize).Select(GoldenText.Normalize));
        var goldenPath = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Golden", "golden.ndjson");
        // Set GOLDEN_OUTPUT to a path to capture the current output when refreshing the golden file.
        if (Environment.GetEnvironmentVariable("GOLDEN_OUTPUT") is { Length: > 0 } capture) await File.WriteAllTextAsync(capture, actual + "\n", TestContext.Current.CancellationToken);
        var expected = (await File.ReadAllTextAsync(goldenPath, TestContext.Current.CancellationToken)).Trim().ReplaceLineEndings("\n");
        actual.Should().Be(expected, "update Fixtures/Golden/golden.ndjson when the output changes on purpose");
    }

    static async Task<string> WriteEngineRunAsync()
    {
        // RunHookSteps stays out: its static record belongs to the hook-order test.
        var run = EngineRuns.Create();
        foreach (var scenario in run.Catalog.Cases) await run.RunAsync(scenario, (c, _) => c.Register(new Recorder()), TestContext.Current.CancellationToken);
        var directory = Path.Combine(Path.GetTempPath(), "gherkin-runner-tests", Guid.NewGuid().ToString("N"));
        var path = Path.Combine(directory, "messages.ndjson");
        NdjsonFormat.Write(path, await run.FinishAsync());
        return path;
    }
}
