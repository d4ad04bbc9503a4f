using System.Diagnostics;
using Gherkin.Runner.Bindings;
using Gherkin.Runner.Expressions;
using Gherkin.Runner.Features;
using Gherkin.Runner.Reporting;
using Io.Cucumber.Messages.Types;
using DataTable = Gherkin.Runner.Bindings.DataTable;
using DocString = Gherkin.Runner.Bindings.DocString;

namespace Gherkin.Runner.Execution;

/// <summary>Runs one scenario: hooks, steps, per-scenario objects and their disposal, and its messages.</summary>
public sealed class ScenarioRunner(BindingCatalog bindings, MessageLog log)
{
    sealed record PlannedStep(string Id, HookBinding? Hook, PickleStep? Step, IReadOnlyList<StepMatch> Matches);

    /// <param name="configure">Registers consumer instances in the scenario's container before any step runs.</param>
    public async Task<ScenarioResult> RunAsync(ScenarioCase scenario, Action<ScenarioContainer, ScenarioCase>? configure = null, CancellationToken cancellationToken = default)
    {
        log.Define(bindings);
        var plan = Plan(scenario);
        var testCase = new TestCase(log.Ids.GetNewId(), scenario.Pickle.Id, plan.Select(ToTestStep).ToList(), log.TestRunStartedId);
        log.AddTestCase(scenario, testCase);
        var startedId = log.Ids.GetNewId();
        log.Add(Envelope.Create(new TestCaseStarted(0, startedId, testCase.Id, Environment.CurrentManagedThreadId.ToString(System.Globalization.CultureInfo.InvariantCulture), log.Now())));

        var context = new ScenarioContext(scenario, log, startedId, cancellationToken);
        var outcome = InitialOutcome(scenario);
        var started = outcome is null;
        var container = new ScenarioContainer();
        if (started)
        {
            container.Register<IScenarioContext>(context);
            if (scenario.Target is { } target)
            {
                container.Register(target);
                if (target.Value is not null) container.RegisterAll(target.Value);
            }
            outcome = Capture(() => configure?.Invoke(container, scenario));
        }

        foreach (var planned in plan)
        {
            context.CurrentStepId = planned.Id;
            log.Add(Envelope.Create(new TestStepStarted(startedId, planned.Id, log.Now())));
            var clock = Stopwatch.StartNew();
            var result = await RunStepAsync(planned, outcome, started, container).ConfigureAwait(false);
            log.Add(Envelope.Create(new TestStepFinished(startedId, planned.Id,
                new TestStepResult(MessageLog.Duration(clock.Elapsed), result.Message, ToStatus(result.Status), ToException(result.Exception)), log.Now())));
            // The first step that did not pass decides the scenario's status; later skips are consequences.
            if (started && result.Status != ScenarioStatus.Passed && (outcome is null || outcome.Status == ScenarioStatus.Passed))
                outcome = result;
        }
        context.CurrentStepId = null;

        try
        {
            await container.DisposeAsync().ConfigureAwait(false);
        }
        catch (System.Exception ex) when (outcome is null || outcome.Status == ScenarioStatus.Passed)
        {
            outcome = new ScenarioResult(ScenarioStatus.Failed, $"Disposing scenario objects failed: {ex.Message}", ex);
        }
        log.Add(Envelope.Create(new TestCaseFinished(startedId, log.Now(), false)));
        return outcome ?? new ScenarioResult(ScenarioStatus.Passed);
    }

    ScenarioResult? InitialOutcome(ScenarioCase scenario)
    {
        if (scenario.Feature.ParseError is { } parseError)
            return new ScenarioResult(ScenarioStatus.Failed, $"{scenario.Feature.Uri} could not be parsed:\n{parseError}");
        if (scenario.SkipReason is { } skip) return new ScenarioResult(ScenarioStatus.Skipped, skip);
        if (bindings.Errors.Count > 0)
            return new ScenarioResult(ScenarioStatus.Failed, "Step bindings are invalid:\n" + string.Join("\n", bindings.Errors));
        return null;
    }

    List<PlannedStep> Plan(ScenarioCase scenario)
    {
        var plan = new List<PlannedStep>();
        plan.AddRange(bindings.HooksFor(HookKind.BeforeScenario, scenario.Tags).Select(h => new PlannedStep(log.Ids.GetNewId(), h, null, [])));
        plan.AddRange(scenario.Pickle.Steps.Select(s => new PlannedStep(log.Ids.GetNewId(), null, s, bindings.Match(s))));
        plan.AddRange(bindings.HooksFor(HookKind.AfterScenario, scenario.Tags).Select(h => new PlannedStep(log.Ids.GetNewId(), h, null, [])));
        return plan;
    }

    TestStep ToTestStep(PlannedStep planned) => planned.Hook is { } hook
        ? new TestStep(log.IdOf(hook), planned.Id, null, null, null)
        : new TestStep(null, planned.Id, planned.Step!.Id,
            planned.Matches.Select(m => log.IdOf(m.Binding)).ToList(),
            planned.Matches.Select(m => new StepMatchArgumentsList(m.Arguments.Select(a =>
                new StepMatchArgument(new Group([], a.Start < 0 ? null : a.Start, a.Start < 0 ? null : a.RawValue), a.ParameterType?.Name)).ToList())).ToList());

    async Task<ScenarioResult> RunStepAsync(PlannedStep planned, ScenarioResult? outcome, bool started, ScenarioContainer container)
    {
        if (!started)
            return new ScenarioResult(ScenarioStatus.Skipped, outcome?.Status == ScenarioStatus.Skipped && planned.Step is not null ? outcome.Message : null);
        // After hooks run even when a step did not pass: they are where scenarios clean up.
        var healthy = outcome is null || outcome.Status == ScenarioStatus.Passed;
        if (!healthy && planned.Hook?.Kind != HookKind.AfterScenario)
            return new ScenarioResult(ScenarioStatus.Skipped);

        if (planned.Hook is { } hook)
            return await CaptureAsync(() => Invoke(hook.Method, container, [])).ConfigureAwait(false);

        var step = planned.Step!;
        switch (planned.Matches.Count)
        {
            case 0:
                var keyword = step.Type switch { PickleStepType.ACTION => "When", PickleStepType.OUTCOME => "Then", _ => "Given" };
                var extra = step.Argument?.DataTable is not null ? "DataTable table" : step.Argument?.DocString is not null ? "string docString" : null;
                return new ScenarioResult(ScenarioStatus.Undefined,
                    $"Step is undefined: {keyword} {step.Text}\nYou can implement it with:\n\n{SnippetGenerator.Generate(keyword, step.Text, extra)}");
            case > 1:
                return new ScenarioResult(ScenarioStatus.Ambiguous,
                    $"Step is ambiguous: '{step.Text}' matches {planned.Matches.Count} step definitions:\n" +
                    string.Join("\n", planned.Matches.Select(m => "  - " + m.Binding)));
        }
        var match = planned.Matches[0];
        return await CaptureAsync(() => Invoke(match.Binding.Method, container, StepArguments(match, step))).ConfigureAwait(false);
    }

    static object?[] StepArguments(StepMatch match, PickleStep step)
    {
        var parameters = match.Binding.Method.GetParameters();
        var extra = step.Argument?.DataTable is not null || step.Argument?.DocString is not null ? 1 : 0;
        if (parameters.Length != match.Arguments.Count + extra)
            throw new InvalidOperationException(
                $"{match.Binding.DisplayName} takes {parameters.Length} parameter(s) but the step provides {match.Arguments.Count} argument(s){(extra == 1 ? " and a data table or doc string" : "")}.");
        var values = new object?[parameters.Length];
        for (var i = 0; i < match.Arguments.Count; i++)
        {
            var argument = match.Arguments[i];
            values[i] = ArgumentConverter.Convert(argument.Start < 0 ? null : argument.Text, argument.Value, parameters[i].ParameterType);
        }
        if (step.Argument?.DataTable is { } table)
            values[^1] = new DataTable(table.Rows.Select(r => (IReadOnlyList<string>)r.Cells.Select(c => c.Value).ToList()).ToList());
        else if (step.Argument?.DocString is { } doc)
            values[^1] = parameters[^1].ParameterType == typeof(DocString) ? new DocString(doc.Content, doc.MediaType) : doc.Content;
        return values;
    }

    static Task Invoke(System.Reflection.MethodInfo method, ScenarioContainer container, object?[] arguments)
    {
        var target = method.IsStatic ? null : container.Resolve(method.DeclaringType!);
        // Hooks may ask for scenario objects (e.g. IScenarioContext) as parameters.
        if (arguments.Length == 0 && method.GetParameters().Length > 0)
            arguments = method.GetParameters().Select(p => container.Resolve(p.ParameterType)).ToArray();
        return MethodInvoker.InvokeAsync(method, target, arguments);
    }

    static ScenarioResult? Capture(Action action)
    {
        try { action(); return null; }
        catch (System.Exception ex) { return Classify(ex); }
    }

    static async Task<ScenarioResult> CaptureAsync(Func<Task> action)
    {
        try
        {
            await action().ConfigureAwait(false);
            return new ScenarioResult(ScenarioStatus.Passed);
        }
        catch (System.Exception ex)
        {
            return Classify(ex);
        }
    }

    /// <summary>Skips raised by xunit's Assert.Skip inside a step count as skips too.</summary>
    internal static ScenarioResult Classify(System.Exception ex) => ex switch
    {
        ScenarioSkippedException => new ScenarioResult(ScenarioStatus.Skipped, ex.Message, ex),
        PendingStepException => new ScenarioResult(ScenarioStatus.Pending, ex.Message, ex),
        _ when ex.Message.StartsWith(global::Xunit.v3.DynamicSkipToken.Value, StringComparison.Ordinal) =>
            new ScenarioResult(ScenarioStatus.Skipped, ex.Message[global::Xunit.v3.DynamicSkipToken.Value.Length..], ex),
        _ => new ScenarioResult(ScenarioStatus.Failed, $"{ex.GetType().Name}: {ex.Message}", ex),
    };

    static TestStepResultStatus ToStatus(ScenarioStatus status) => status switch
    {
        ScenarioStatus.Passed => TestStepResultStatus.PASSED,
        ScenarioStatus.Failed => TestStepResultStatus.FAILED,
        ScenarioStatus.Undefined => TestStepResultStatus.UNDEFINED,
        ScenarioStatus.Ambiguous => TestStepResultStatus.AMBIGUOUS,
        ScenarioStatus.Pending => TestStepResultStatus.PENDING,
        _ => TestStepResultStatus.SKIPPED,
    };

    static Io.Cucumber.Messages.Types.Exception? ToException(System.Exception? ex) =>
        ex is null or ScenarioSkippedException or PendingStepException ? null : new(ex.GetType().FullName ?? ex.GetType().Name, ex.Message, ex.StackTrace);
}
