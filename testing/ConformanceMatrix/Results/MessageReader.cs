using System.Text.Json;

namespace ConformanceMatrix.Results;

/// <summary>
/// Reads a run's Cucumber messages (NDJSON, one envelope a line) into one outcome per test case, plus the run-level
/// attachments. The target of a case is its pickle's <c>@target:NAME</c> tag, else the trailing <c>[NAME]</c> of its
/// name; a case without either belongs to the target <see cref="NoTarget"/>.
/// </summary>
public static class MessageReader
{
    public const string NoTarget = "(default)";

    private const string DynamicSkipToken = "$XunitDynamicSkip$";

    public static RunOutcome Read(string ndjsonPath) => Parse(File.ReadLines(ndjsonPath));

    public static RunOutcome Parse(IEnumerable<string> lines)
    {
        var pickles = new Dictionary<string, JsonElement>();
        var testCases = new Dictionary<string, JsonElement>();
        var started = new Dictionary<string, string>();              // testCaseStartedId -> testCaseId
        var latestStart = new Dictionary<string, string>();          // testCaseId -> last testCaseStartedId (retries)
        var results = new Dictionary<(string, string), JsonElement>(); // (testCaseStartedId, testStepId) -> result
        var attachments = new Dictionary<(string, string), List<string>>();
        var runAttachments = new List<string>();

        foreach (var line in lines)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var document = JsonDocument.Parse(line);
            var envelope = document.RootElement;
            if (envelope.TryGetProperty("pickle", out var pickle))
            {
                pickles[pickle.GetProperty("id").GetString()!] = pickle.Clone();
            }
            else if (envelope.TryGetProperty("testCase", out var testCase))
            {
                testCases[testCase.GetProperty("id").GetString()!] = testCase.Clone();
            }
            else if (envelope.TryGetProperty("testCaseStarted", out var caseStarted))
            {
                var id = caseStarted.GetProperty("id").GetString()!;
                var testCaseId = caseStarted.GetProperty("testCaseId").GetString()!;
                started[id] = testCaseId;
                latestStart[testCaseId] = id;
            }
            else if (envelope.TryGetProperty("testStepFinished", out var stepFinished))
            {
                var key = (stepFinished.GetProperty("testCaseStartedId").GetString()!, stepFinished.GetProperty("testStepId").GetString()!);
                results[key] = stepFinished.GetProperty("testStepResult").Clone();
            }
            else if (envelope.TryGetProperty("attachment", out var attachment))
            {
                var body = Body(attachment);
                if (String(attachment, "testCaseStartedId") is { } caseStartedId)
                {
                    var key = (caseStartedId, String(attachment, "testStepId") ?? "");
                    if (!attachments.TryGetValue(key, out var list))
                    {
                        attachments[key] = list = [];
                    }

                    list.Add(body);
                }
                else
                {
                    runAttachments.Add(body);
                }
            }
        }

        var outcomes = new List<ScenarioOutcome>();
        foreach (var (testCaseId, testCase) in testCases)
        {
            if (!latestStart.TryGetValue(testCaseId, out var startedId) || !pickles.TryGetValue(testCase.GetProperty("pickleId").GetString()!, out var pickle))
            {
                continue;
            }

            outcomes.Add(ToOutcome(testCaseId, testCase, pickle, startedId, results, attachments));
        }

        return new RunOutcome(outcomes, runAttachments);
    }

    private static ScenarioOutcome ToOutcome(
        string testCaseId,
        JsonElement testCase,
        JsonElement pickle,
        string startedId,
        Dictionary<(string, string), JsonElement> results,
        Dictionary<(string, string), List<string>> attachments)
    {
        var stepTexts = pickle.GetProperty("steps").EnumerateArray()
            .ToDictionary(s => s.GetProperty("id").GetString()!, s => s.GetProperty("text").GetString()!);
        var tags = pickle.GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("name").GetString()!.TrimStart('@')).ToList();
        var name = pickle.GetProperty("name").GetString()!;
        var target = tags.FirstOrDefault(t => t.StartsWith("target:", StringComparison.Ordinal))?["target:".Length..];
        if (target is null && name.EndsWith(']') && name.LastIndexOf(" [", StringComparison.Ordinal) is var open and > 0)
        {
            target = name[(open + 2)..^1];
        }

        if (target is not null && name.EndsWith($" [{target}]", StringComparison.Ordinal))
        {
            name = name[..^(target.Length + 3)];
        }

        var steps = new List<StepOutcome>();
        foreach (var step in testCase.GetProperty("testSteps").EnumerateArray())
        {
            var stepId = step.GetProperty("id").GetString()!;
            var text = String(step, "pickleStepId") is { } pickleStepId && stepTexts.TryGetValue(pickleStepId, out var stepText) ? stepText : "(hook)";
            var status = "UNKNOWN";
            string? message = null;
            if (results.TryGetValue((startedId, stepId), out var result))
            {
                status = result.GetProperty("status").GetString() ?? "UNKNOWN";
                message = String(result, "message")
                    ?? (result.TryGetProperty("exception", out var exception) ? String(exception, "message") : null);
                // xunit marks a dynamic skip's message with a token; the reason is what follows it.
                message = message?.Replace(DynamicSkipToken, "", StringComparison.Ordinal);
            }

            steps.Add(new StepOutcome(text, status, message, attachments.GetValueOrDefault((startedId, stepId)) ?? []));
        }

        var (outcome, reason) = Summarise(steps);
        return new ScenarioOutcome(testCaseId, name, target ?? NoTarget, pickle.GetProperty("uri").GetString()!, tags, outcome, reason, steps);
    }

    /// <summary>Failed beats skipped beats passed; a case whose steps never ran (ignored) counts as skipped.</summary>
    private static (Outcome, string?) Summarise(IReadOnlyList<StepOutcome> steps)
    {
        var failed = steps.FirstOrDefault(s => s.Status is "FAILED" or "UNDEFINED" or "AMBIGUOUS" or "PENDING" or "UNKNOWN");
        if (failed is not null)
        {
            return (Outcome.Failed, failed.Message ?? $"step '{failed.Text}' is {failed.Status.ToLowerInvariant()}");
        }

        if (steps.Count == 0 || steps.Any(s => s.Status == "SKIPPED"))
        {
            return (Outcome.Skipped, steps.Select(s => s.Message).FirstOrDefault(m => !string.IsNullOrWhiteSpace(m)) ?? "skipped");
        }

        return (Outcome.Passed, null);
    }

    private static string? String(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Body(JsonElement attachment)
    {
        var body = String(attachment, "body") ?? "";
        return String(attachment, "contentEncoding") == "BASE64" ? System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(body)) : body;
    }
}

/// <summary>Every test case of a run, and the evidence attached to the run itself.</summary>
public sealed record RunOutcome(IReadOnlyList<ScenarioOutcome> Scenarios, IReadOnlyList<string> RunAttachments);
