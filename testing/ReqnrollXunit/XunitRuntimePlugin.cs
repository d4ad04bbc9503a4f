using Reqnroll;
using Reqnroll.Analytics;
using Reqnroll.Infrastructure;
using Reqnroll.Plugins;
using Reqnroll.Tracing;
using Reqnroll.UnitTestProvider;
using Xunit;
using Xunit.Sdk;

namespace ReqnrollXunit;

/// <summary>
/// What Reqnroll's own xunit plugin would register, which the registry does not serve: xunit as the unit-test
/// provider, attachments, trace output into the running test's output, telemetry off, and this assembly's hooks
/// (target skips) as bindings. A test assembly names it: <c>[assembly: RuntimePlugin(typeof(XunitRuntimePlugin))]</c>.
/// </summary>
public sealed class XunitRuntimePlugin : IRuntimePlugin
{
    private const string ProviderName = "xunit-v3-glue";

    public void Initialize(RuntimePluginEvents runtimePluginEvents, RuntimePluginParameters runtimePluginParameters, UnitTestProviderConfiguration unitTestProviderConfiguration)
    {
        unitTestProviderConfiguration.UseUnitTestProvider(ProviderName);
        runtimePluginEvents.ConfigurationDefaults += (_, e) =>
            e.ReqnrollConfiguration.AdditionalStepAssemblies.Add(typeof(XunitRuntimePlugin).Assembly.GetName().Name!);
        runtimePluginEvents.RegisterGlobalDependencies += (_, e) =>
        {
            e.ObjectContainer.RegisterTypeAs<XunitRuntimeProvider, IUnitTestRuntimeProvider>(ProviderName);
            // Telemetry is on by default: a background HTTP call and a user-id file. Never from a test run here.
            e.ObjectContainer.RegisterTypeAs<TelemetryOff, IEnvironmentReqnrollTelemetryChecker>();
        };
        runtimePluginEvents.CustomizeTestThreadDependencies += (_, e) =>
        {
            e.ObjectContainer.RegisterTypeAs<TestOutputTraceListener, ITraceListener>();
            e.ObjectContainer.RegisterTypeAs<ReqnrollAttachmentHandler, IReqnrollAttachmentHandler>();
        };
    }

    private sealed class TelemetryOff : IEnvironmentReqnrollTelemetryChecker
    {
        public bool IsReqnrollTelemetryEnabled() => false;
    }
}

/// <summary>Skips become xunit skips; pending and inconclusive fail, so an unfinished scenario is never green.</summary>
internal sealed class XunitRuntimeProvider : IUnitTestRuntimeProvider
{
    public void TestPending(string message) => throw new XunitException($"Pending: {message}");

    public void TestInconclusive(string message) => throw new XunitException($"Inconclusive: {message}");

    public void TestIgnore(string message) => Assert.Skip(message);

    public ScenarioExecutionStatus? DetectExecutionStatus(Exception exception) =>
        exception is SkipException ? ScenarioExecutionStatus.Skipped : null;
}

/// <summary>Reqnroll's step trace goes to the running test's output, where xunit shows it with the test.</summary>
internal sealed class TestOutputTraceListener(ITraceListenerQueue queue, Reqnroll.BoDi.IObjectContainer container) : AsyncTraceListener(queue, container)
{
    public override void WriteTestOutput(string message) => Write(message, () => base.WriteTestOutput(message));

    public override void WriteToolOutput(string message) => Write("-> " + message, () => base.WriteToolOutput(message));

    private static void Write(string line, Action fallback)
    {
        if (TestContext.Current.TestOutputHelper is { } output)
        {
            output.WriteLine(line);
        }
        else
        {
            fallback();
        }
    }
}

/// <summary>Skips, with their reasons, the scenarios a target cannot run; a hook, so the reason is in the report too.</summary>
[Binding]
public sealed class TargetSkips(ScenarioCase scenario, IUnitTestRuntimeProvider provider)
{
    [BeforeScenario(Order = int.MinValue)]
    public void SkipWhatTheTargetCannotRun()
    {
        if (scenario.SkipReason is { } reason)
        {
            provider.TestIgnore(reason);
        }
    }
}
