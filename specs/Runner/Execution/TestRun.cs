using Gherkin.Runner.Bindings;
using Gherkin.Runner.Features;
using Gherkin.Runner.Reporting;
using Io.Cucumber.Messages.Types;

namespace Gherkin.Runner.Execution;

/// <summary>
/// One suite's run: the features, the bindings, the run hooks and the message log shared by every scenario.
/// Scenarios may run concurrently; [BeforeTestRun] hooks run once, before the first one starts.
/// </summary>
public sealed class TestRun
{
    readonly ScenarioRunner runner;
    readonly SemaphoreSlim startGate = new(1, 1);
    bool started;
    string? startFailure;
    int failures;
    int finished;

    public TestRun(FeatureCatalog catalog, BindingCatalog bindings, MessageLog messages)
    {
        Catalog = catalog;
        Bindings = bindings;
        Messages = messages;
        runner = new ScenarioRunner(bindings, messages);
    }

    public static TestRun Create(string featuresDirectory, IReadOnlyList<ScenarioTarget> targets, BindingCatalog bindings, TimeProvider? clock = null)
    {
        var ids = new SequentialIds();
        var messages = new MessageLog(ids, clock);
        return new TestRun(FeatureCatalog.Load(featuresDirectory, targets, ids), bindings, messages);
    }

    public FeatureCatalog Catalog { get; }

    public BindingCatalog Bindings { get; }

    public MessageLog Messages { get; }

    public async Task<ScenarioResult> RunAsync(ScenarioCase scenario, Action<ScenarioContainer, ScenarioCase>? configure = null, CancellationToken cancellationToken = default)
    {
        await EnsureStartedAsync(cancellationToken).ConfigureAwait(false);
        ScenarioResult result;
        if (startFailure is not null)
            result = new ScenarioResult(ScenarioStatus.Failed, startFailure);
        else
            result = await runner.RunAsync(scenario, configure, cancellationToken).ConfigureAwait(false);
        if (result.IsFailure) Interlocked.Increment(ref failures);
        return result;
    }

    async Task EnsureStartedAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref started)) return;
        await startGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (started) return;
            Messages.RunStarted();
            startFailure = await RunHooksAsync(HookKind.BeforeTestRun).ConfigureAwait(false);
            Volatile.Write(ref started, true);
        }
        finally
        {
            startGate.Release();
        }
    }

    /// <summary>Why an [AfterTestRun] hook failed (e.g. a clean-up that could not drop its database), or null.</summary>
    public string? AfterRunFailure { get; private set; }

    /// <summary>Runs [AfterTestRun] hooks (only if the run started) and closes the log; later calls return the same messages.</summary>
    public async Task<IReadOnlyList<Envelope>> FinishAsync()
    {
        if (Interlocked.Exchange(ref finished, 1) == 0)
        {
            string? afterFailure = null;
            if (Volatile.Read(ref started)) afterFailure = await RunHooksAsync(HookKind.AfterTestRun).ConfigureAwait(false);
            AfterRunFailure = afterFailure;
            var message = startFailure ?? afterFailure;
            Messages.RunFinished(message is null && Volatile.Read(ref failures) == 0, message);
        }
        return Messages.Snapshot();
    }

    async Task<string?> RunHooksAsync(HookKind kind)
    {
        var context = new TestRunContext(Messages);
        foreach (var hook in Bindings.HooksFor(kind, []))
        {
            try
            {
                var arguments = hook.Method.GetParameters()
                    .Select(p => p.ParameterType == typeof(ITestRunContext) ? context : throw new InvalidOperationException($"{hook.DisplayName}: run hooks may only take an ITestRunContext."))
                    .ToArray<object?>();
                await MethodInvoker.InvokeAsync(hook.Method, null, arguments).ConfigureAwait(false);
            }
            catch (System.Exception ex)
            {
                return $"[{kind}] {hook.DisplayName} failed: {ex.GetType().Name}: {ex.Message}";
            }
        }
        return null;
    }
}
