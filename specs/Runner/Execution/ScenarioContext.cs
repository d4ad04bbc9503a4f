using System.Diagnostics.CodeAnalysis;
using Gherkin.Runner.Features;
using Gherkin.Runner.Reporting;
using Io.Cucumber.Messages.Types;

namespace Gherkin.Runner.Execution;

sealed class ScenarioContext(ScenarioCase scenario, MessageLog log, string testCaseStartedId, CancellationToken cancellationToken) : IScenarioContext
{
    public string FeatureName => scenario.Feature.Name;

    public string ScenarioName => scenario.Pickle.Name;

    public IReadOnlyList<string> Tags => scenario.Tags;

    public ScenarioTarget? Target => scenario.Target;

    public CancellationToken CancellationToken => cancellationToken;

    /// <summary>The test step running now; attachments point at it so the report shows them under that step.</summary>
    internal string? CurrentStepId { get; set; }

    public void Attach(string body, string mediaType) =>
        log.Add(Envelope.Create(new Attachment(body, AttachmentContentEncoding.IDENTITY, null, mediaType, null,
            testCaseStartedId, CurrentStepId, null, null, null, log.Now())));

    [DoesNotReturn]
    public void Skip(string reason) => throw new ScenarioSkippedException(reason);

    [DoesNotReturn]
    public void Pending(string? reason = null) => throw new PendingStepException(reason);
}

sealed class TestRunContext(MessageLog log) : ITestRunContext
{
    public void Attach(string body, string mediaType) => log.AttachToRun(body, mediaType);
}
