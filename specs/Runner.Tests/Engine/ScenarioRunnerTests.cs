using FluentAssertions;
using Gherkin.Runner.Execution;
using Io.Cucumber.Messages.Types;
using Xunit;

namespace Gherkin.Runner.Tests.Engine;

public sealed class ScenarioRunnerTests
{
    [Fact]
    public async Task Undefined_step_fails_with_a_ready_to_paste_skeleton()
    {
        var (result, _) = await EngineRuns.Create().RunAsync("Undefined step");
        result.Status.Should().Be(ScenarioStatus.Undefined);
        result.IsFailure.Should().BeTrue();
        result.Message.Should().Contain("Given I have 3 apples and \"pears\"")
            .And.Contain("[Given(\"I have {int} apples and {string}\")]")
            .And.Contain("public void IHaveApplesAnd(int int1, string string1)");
    }

    [Fact]
    public async Task Ambiguous_step_names_every_matching_method()
    {
        var (result, _) = await EngineRuns.Create().RunAsync("Ambiguous step");
        result.Status.Should().Be(ScenarioStatus.Ambiguous);
        result.Message.Should().Contain("EngineSteps.First").And.Contain("EngineSteps.Second");
    }

    [Fact]
    public async Task Given_definitions_do_not_match_When_steps()
    {
        var (result, recorder) = await EngineRuns.Create().RunAsync("Keyword types");
        result.Status.Should().Be(ScenarioStatus.Undefined);
        result.Message.Should().Contain("[When(\"a given-only step\")]");
        recorder.Events.Should().NotContain("given-only");
    }

    [Fact]
    public async Task Failing_step_skips_the_rest_but_after_hooks_still_run()
    {
        var run = EngineRuns.Create();
        var (result, recorder) = await run.RunAsync("Failing step");
        result.Status.Should().Be(ScenarioStatus.Failed);
        result.Message.Should().Contain("boom");
        result.Exception.Should().BeOfType<InvalidOperationException>();
        recorder.Events.Should().Equal("before 1", "before 2", "after", "disposed context");
        var statuses = (await run.FinishAsync()).Select(e => e.TestStepFinished?.TestStepResult.Status).OfType<TestStepResultStatus>();
        statuses.Should().Equal(TestStepResultStatus.PASSED, TestStepResultStatus.PASSED, TestStepResultStatus.FAILED, TestStepResultStatus.SKIPPED, TestStepResultStatus.PASSED);
    }

    [Fact]
    public async Task Pending_step_is_a_skip_not_a_pass()
    {
        var run = EngineRuns.Create();
        var (result, recorder) = await run.RunAsync("Pending step");
        result.Status.Should().Be(ScenarioStatus.Pending);
        result.IsSkip.Should().BeTrue();
        result.Message.Should().Be("later");
        recorder.Events.Should().NotContain("step");
        (await run.FinishAsync()).Should().Contain(e => e.TestStepFinished != null && e.TestStepFinished.TestStepResult.Status == TestStepResultStatus.PENDING);
    }

    [Fact]
    public async Task Hooks_run_in_order_and_tag_scoped_hooks_only_on_tagged_scenarios()
    {
        var run = EngineRuns.Create([.. EngineRuns.Steps, typeof(RunHookSteps)]);
        var (_, tagged) = await run.RunAsync("Tagged hooks");
        var (_, untagged) = await run.RunAsync("Untagged hooks");
        tagged.Events.Should().Equal("before 1", "before 2", "before tagged", "step", "after", "disposed context");
        untagged.Events.Should().Equal("before 1", "before 2", "step", "after", "disposed context");
        RunHookSteps.Events.Should().Equal("before run");
        var messages = await run.FinishAsync();
        RunHookSteps.Events.Should().Equal("before run", "after run");
        messages.Should().Contain(e => e.Attachment != null && e.Attachment.Body == "engine: in-memory" && e.Attachment.TestRunStartedId == run.Messages.TestRunStartedId);
    }

    [Fact]
    public async Task A_failing_after_run_hook_is_reported_not_swallowed()
    {
        var run = EngineRuns.Create([.. EngineRuns.Steps, typeof(FailingRunHookSteps)]);
        await run.RunAsync("Untagged hooks");
        run.AfterRunFailure.Should().BeNull();
        await run.FinishAsync();
        run.AfterRunFailure.Should().Contain("could not drop the database");
    }

    [Fact]
    public async Task Step_classes_share_one_context_per_scenario_and_get_fresh_ones_next_time()
    {
        var run = EngineRuns.Create();
        (await run.RunAsync("Shared context")).Result.Status.Should().Be(ScenarioStatus.Passed);
        (await run.RunAsync("Fresh context")).Result.Status.Should().Be(ScenarioStatus.Passed);
    }

    [Fact]
    public async Task Arguments_convert_to_enums_timespans_booleans_and_decimals_and_async_steps_are_awaited()
    {
        var (result, recorder) = await EngineRuns.Create().RunAsync("Converts arguments");
        result.Status.Should().Be(ScenarioStatus.Passed, result.Message);
        recorder.Events.Should().Contain("Red|5|True|1.5").And.Contain("star");
    }

    [Fact]
    public async Task Attachments_point_at_the_running_step()
    {
        var run = EngineRuns.Create();
        await run.RunAsync("Attaching evidence");
        var messages = await run.FinishAsync();
        var attachment = messages.Select(e => e.Attachment).OfType<Attachment>().Single();
        attachment.Body.Should().Be("hello");
        var step = messages.Select(e => e.TestCase).OfType<TestCase>().Single().TestSteps.Single(s => s.PickleStepId != null);
        attachment.TestStepId.Should().Be(step.Id);
    }

    [Fact]
    public async Task Scenarios_awaiting_io_overlap_and_keep_their_own_state()
    {
        var run = EngineRuns.Create(directory: "Fixtures/Suite", types: [typeof(Suite.CounterSteps), typeof(Suite.RunSteps)]);
        var waits = run.Catalog.Cases.Where(c => c.Tags.Contains("parallel-proof")).ToList();
        var counters = run.Catalog.Cases.Where(c => c.Feature.Name == "Counter").ToList();
        waits.Should().HaveCount(6);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var results = await Task.WhenAll(waits.Concat(counters).Select(c => run.RunAsync(c)));
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(8), "six 2 s waits must overlap instead of taking 12 s");
        results.Should().OnlyContain(r => r.Status == ScenarioStatus.Passed);
    }
}
