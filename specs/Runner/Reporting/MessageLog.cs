using System.Reflection;
using System.Runtime.InteropServices;
using Gherkin.CucumberMessages;
using Gherkin.Runner.Bindings;
using Gherkin.Runner.Features;
using Io.Cucumber.Messages.Types;

namespace Gherkin.Runner.Reporting;

/// <summary>
/// Collects the Cucumber Messages of one run from concurrently running scenarios, and hands them back in the
/// order the report expects: definitions first, then the run's events as they happened.
/// </summary>
public sealed class MessageLog(IIdGenerator ids, TimeProvider? clock = null)
{
    readonly TimeProvider clock = clock ?? TimeProvider.System;
    readonly Lock gate = new();
    readonly List<FeatureFile> features = [];
    readonly List<Pickle> pickles = [];
    readonly List<Envelope> definitions = [];
    readonly List<TestCase> testCases = [];
    readonly List<Envelope> events = [];
    readonly Dictionary<object, string> definitionIds = [];
    readonly List<Attachment> runAttachments = [];
    Timestamp? started;
    TestRunFinished? finished;

    public IIdGenerator Ids { get; } = ids;

    public string TestRunStartedId { get; } = ids.GetNewId();

    public Timestamp Now() => Timestamp(clock.GetUtcNow());

    public static Timestamp Timestamp(DateTimeOffset time)
    {
        var ticks = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        return new Timestamp(ticks / TimeSpan.TicksPerSecond, ticks % TimeSpan.TicksPerSecond * 100);
    }

    public static Duration Duration(TimeSpan elapsed) =>
        new(elapsed.Ticks / TimeSpan.TicksPerSecond, elapsed.Ticks % TimeSpan.TicksPerSecond * 100);

    public void RunStarted()
    {
        lock (gate) started ??= Now();
    }

    public void RunFinished(bool success, string? message = null)
    {
        lock (gate) finished = new TestRunFinished(message, success, Now(), null, TestRunStartedId);
    }

    /// <summary>Gives each step definition and hook an id and its definition message (once).</summary>
    public void Define(BindingCatalog bindings)
    {
        lock (gate)
        {
            foreach (var step in bindings.Steps)
            {
                if (definitionIds.ContainsKey(step)) continue;
                var id = Ids.GetNewId();
                definitionIds[step] = id;
                var type = step.Expression.IsRegularExpression ? StepDefinitionPatternType.REGULAR_EXPRESSION : StepDefinitionPatternType.CUCUMBER_EXPRESSION;
                definitions.Add(Envelope.Create(new StepDefinition(id, new StepDefinitionPattern(step.Expression.Source, type), Reference(step.Method))));
            }
            foreach (var hook in bindings.Hooks.Where(h => h.Kind is HookKind.BeforeScenario or HookKind.AfterScenario))
            {
                if (definitionIds.ContainsKey(hook)) continue;
                var id = Ids.GetNewId();
                definitionIds[hook] = id;
                var hookType = hook.Kind == HookKind.BeforeScenario ? HookType.BEFORE_TEST_CASE : HookType.AFTER_TEST_CASE;
                var tagExpression = hook.Tags.Count == 0 ? null : string.Join(" or ", hook.Tags.Select(t => "@" + t));
                definitions.Add(Envelope.Create(new Hook(id, hook.DisplayName, Reference(hook.Method), tagExpression, hookType)));
            }
        }
    }

    public string IdOf(object binding)
    {
        lock (gate) return definitionIds[binding];
    }

    /// <summary>Records a scenario about to run: its feature (once), its pickle and its test case.</summary>
    public void AddTestCase(ScenarioCase scenario, TestCase testCase)
    {
        lock (gate)
        {
            if (!features.Contains(scenario.ReportFeature)) features.Add(scenario.ReportFeature);
            pickles.Add(scenario.Pickle);
            testCases.Add(testCase);
        }
    }

    public void Add(Envelope envelope)
    {
        lock (gate) events.Add(envelope);
    }

    public void AttachToRun(string body, string mediaType)
    {
        lock (gate) runAttachments.Add(new Attachment(body, AttachmentContentEncoding.IDENTITY, null, mediaType, null, null, null, null, TestRunStartedId, null, Now()));
    }

    public IReadOnlyList<Envelope> Snapshot()
    {
        lock (gate)
        {
            var all = new List<Envelope> { Envelope.Create(Meta()) };
            foreach (var feature in features.OrderBy(f => f.Uri, StringComparer.Ordinal))
            {
                all.Add(Envelope.Create(feature.Source));
                if (feature.Document is not null) all.Add(Envelope.Create(feature.Document));
            }
            all.AddRange(pickles.Select(Envelope.Create));
            all.AddRange(definitions);
            all.Add(Envelope.Create(new TestRunStarted(started ?? Now(), TestRunStartedId)));
            all.AddRange(runAttachments.Select(Envelope.Create));
            all.AddRange(testCases.Select(Envelope.Create));
            all.AddRange(events);
            all.Add(Envelope.Create(finished ?? new TestRunFinished(null, false, Now(), null, TestRunStartedId)));
            return all;
        }
    }

    static SourceReference Reference(MethodInfo method) =>
        // No file/line is known for reflection-found methods; the qualified method name is what a reader can search for.
        SourceReference.Create($"{method.DeclaringType?.FullName}.{method.Name}");

    static Meta Meta() => new(
        Cucumber.Messages.ProtocolVersion.Version,
        new Product("Gherkin.Runner", typeof(MessageLog).Assembly.GetName().Version?.ToString() ?? "0"),
        new Product(".NET", Environment.Version.ToString()),
        new Product(RuntimeInformation.OSDescription, null),
        new Product(RuntimeInformation.ProcessArchitecture.ToString(), null),
        null);
}
