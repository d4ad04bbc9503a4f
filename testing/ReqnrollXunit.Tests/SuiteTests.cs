using ConformanceMatrix.Results;
using FluentAssertions;
using Xunit;

namespace ReqnrollXunit.Tests;

/// <summary>What a user of the glue sees: listing, filters, parallel waits, skips, failures, run hooks, report.</summary>
public sealed class SuiteTests
{
    [Fact]
    public async Task Every_scenario_is_listed_once_per_target_with_outline_rows_expanded()
    {
        var run = await FixtureRun.StartAsync("-list", "tests");

        run.Output.Should().Contain("Counter: Counting calls (calls: 3) [alpha]")
            .And.Contain("Counter: Counting calls (calls: 1) [gamma]")
            .And.Contain("Parallel: Waiting 6 [beta]")
            .And.Contain("Features/Broken.feature: feature file could not be parsed");
    }

    [Fact]
    public async Task Scenarios_run_in_parallel_across_targets_and_an_unavailable_target_skips_with_its_reason()
    {
        var run = await FixtureRun.StartAsync("-trait", "Category=parallel-proof");

        run.Output.Should().Contain("Total: 18, Errors: 0, Failed: 0, Skipped: 6");
        run.Output.Should().Contain("Target 'gamma' is unavailable: not installed on this machine");
        // Twelve 3 s waits: overlapping, they take one wait plus start-up (a few seconds on a busy machine), far below
        // the 36 s they would take in a row.
        run.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(20));
        var outcomes = MessageReader.Read(Path.Combine(run.LivingDoc, "messages.ndjson")).Scenarios;
        outcomes.Select(o => $"{o.Scenario} [{o.Target}]").Should().BeEquivalentTo(
            from target in new[] { "alpha", "beta", "gamma" } from i in Enumerable.Range(1, 6) select $"Waiting {i} [{target}]");
        outcomes.Where(o => o.Target == "gamma").Should().OnlyContain(o => o.Outcome == Outcome.Skipped && o.Reason!.Contains("not installed"));
    }

    [Fact]
    public async Task Serial_scenarios_run_after_the_others_alone_ones_first_then_one_per_lane_with_lanes_side_by_side()
    {
        var run = await FixtureRun.StartAsync("-trait", "Category=serial-proof");

        run.ExitCode.Should().Be(0, run.Output);
        run.Output.Should().Contain("Total: 15, Errors: 0, Failed: 0, Skipped: 5");
        var ran = run.Intervals().Where(i => !i.Name.EndsWith("[gamma]", StringComparison.Ordinal)).ToList();
        var busy = ran.Where(i => i.Name.StartsWith("Busy", StringComparison.Ordinal)).ToList();
        var alone = ran.Where(i => i.Name.StartsWith("Alone", StringComparison.Ordinal)).ToList();
        var inLane = ran.Where(i => i.Name.StartsWith("In lane", StringComparison.Ordinal)).ToList();
        (busy.Count, alone.Count, inLane.Count).Should().Be((4, 2, 4));

        alone.Should().OnlyContain(a => a.Start >= busy.Max(b => b.End), "@serial waits for every parallel case");
        alone[0].Overlaps(alone[1]).Should().BeFalse("@serial scenarios run one at a time");
        inLane.Should().OnlyContain(l => l.Start >= alone.Max(a => a.End), "@serial-in-lane waits for the @serial ones");
        foreach (var lane in inLane.GroupBy(l => l.Name[(l.Name.IndexOf('[') + 1)..]))
        {
            lane.Should().HaveCount(2);
            lane.First().Overlaps(lane.Last()).Should().BeFalse($"one lane ({lane.Key}) runs one scenario at a time");
        }

        inLane.Where(l => l.Name.EndsWith("[alpha]", StringComparison.Ordinal))
            .Should().Contain(a => inLane.Any(b => b.Name.EndsWith("[beta]", StringComparison.Ordinal) && a.Overlaps(b)), "two lanes run side by side");
    }

    [Fact]
    public async Task Skips_from_a_hook_a_step_or_a_target_tag_are_skipped_tests_with_their_reasons()
    {
        var run = await FixtureRun.StartAsync("-trait", "Category=skips", "-trait", "Category=internals");

        run.ExitCode.Should().Be(0, run.Output);
        run.Output.Should().Contain("Total: 9, Errors: 0, Failed: 0, Skipped: 8");
        run.Output.Should().Contain("skipped by a before-scenario hook")
            .And.Contain("skipped by the step itself")
            .And.Contain("Target 'beta' skips @internals: black-box target");
        var outcomes = MessageReader.Read(Path.Combine(run.LivingDoc, "messages.ndjson")).Scenarios;
        outcomes.Should().ContainSingle(o => o.Scenario == "The target's value is injected" && o.Target == "alpha" && o.Outcome == Outcome.Passed);
        outcomes.Where(o => o.Scenario.StartsWith("Skipped by")).Should().OnlyContain(o => o.Outcome == Outcome.Skipped);
    }

    [Fact]
    public async Task Undefined_pending_ambiguous_and_failing_steps_fail_with_clear_messages()
    {
        var run = await FixtureRun.StartAsync("-trait", "Category=failures");

        run.ExitCode.Should().NotBe(0);
        run.Output.Should().Contain("Total: 12, Errors: 0, Failed: 8, Skipped: 4");
        run.Output.Should().Contain("No matching step definition").And.Contain("[Given(\"a step nobody wrote\")]");
        run.Output.Should().Contain("Ambiguous step definitions found for step 'When the step matches twice'");
        run.Output.Should().Contain("Pending");
        run.Output.Should().Contain("Assert.Equal() Failure");
    }

    [Fact]
    public async Task A_feature_file_that_does_not_parse_is_one_failing_case_that_trait_filters_select_and_exclude()
    {
        var selected = await FixtureRun.StartAsync("-trait", "Category=broken");
        var excluded = await FixtureRun.StartAsync("-trait", "Category=demo", "-trait-", "Category=broken");

        selected.Output.Should().Contain("Total: 1, Errors: 0, Failed: 1").And.Contain("Features/Broken.feature could not be parsed");
        excluded.Output.Should().NotContain("could not be parsed");
        excluded.ExitCode.Should().Be(0, excluded.Output);
    }

    [Fact]
    public async Task A_failing_before_run_hook_fails_every_case_and_a_failing_after_run_hook_fails_the_run()
    {
        var before = await FixtureRun.StartAsync(new Dictionary<string, string> { ["FIXTURE_FAIL_BEFORE_RUN"] = "1" }, "-trait", "Category=demo");
        var after = await FixtureRun.StartAsync(new Dictionary<string, string> { ["FIXTURE_FAIL_AFTER_RUN"] = "1" }, "-trait", "Category=demo");

        before.ExitCode.Should().NotBe(0);
        before.Output.Should().Contain("the fixture's before-run hook failed on purpose").And.Contain("Failed: 15");
        after.ExitCode.Should().NotBe(0, "a clean-up that failed must not pass unnoticed:\n" + after.Output);
        after.Output.Should().Contain("the fixture's after-run hook failed on purpose");
    }

    [Fact]
    public async Task The_report_comes_from_Reqnrolls_formatters_with_evidence_under_its_step_and_run_level_evidence()
    {
        var run = await FixtureRun.StartAsync("-trait", "Category=demo");

        run.ExitCode.Should().Be(0, run.Output);
        File.Exists(Path.Combine(run.LivingDoc, "index.html")).Should().BeTrue();
        File.ReadAllText(Path.Combine(run.LivingDoc, "report-written.txt")).Should().Be("OnReportWritten ran");
        var report = MessageReader.Read(Path.Combine(run.LivingDoc, "messages.ndjson"));
        report.RunAttachments.Should().Contain("run evidence: fixture run started");
        var evidence = report.Scenarios.Single(o => o.Scenario == "Arguments and evidence" && o.Target == "alpha");
        evidence.Steps.Single(s => s.Text == "I note \"evidence for the report\" as evidence").Attachments.Should().Contain("evidence for the report");
        // One copy of each feature per target: every target's cases carry their own @target tag.
        report.Scenarios.Where(o => o.Target == "beta").Should().OnlyContain(o => o.Tags.Contains("target:beta"));
        run.Messages.Should().Contain("Counter.feature [beta]");
    }
}
