using ConformanceMatrix.Matrix;
using ConformanceMatrix.Requirements;
using ConformanceMatrix.Results;
using FluentAssertions;
using Xunit;

namespace ConformanceMatrix.Tests;

public sealed class ReportTests
{
    private static readonly RequirementCatalog Catalog = RequirementCatalog.Parse("""
        ## T1 Cookie
        | id | requirement | source |
        | T1.1 | the cookie is HttpOnly | step 4 |
        | T1.2 | the cookie is Secure | step 4 |
        ## E Extras
        | id | requirement | profiles | source |
        | E1 | healthz answers | hardened | project |
        """);

    // Two targets: on "a" T1.1 passes, T1.2 fails, E1 is skipped; on "b" (named by the [b] suffix only) T1.1 passes.
    private static readonly string[] Messages =
    [
        Pickle("p1", "HttpOnly [a]", "req-T1.1", "contract", "target:a"),
        Pickle("p2", "Secure [a]", "req-T1.2", "contract", "target:a"),
        Pickle("p3", "Healthz [a]", "req-E1", "extension", "target:a"),
        Pickle("p4", "HttpOnly [b]", "req-T1.1", "contract"),
        Envelope("testRunStarted", new { }),
        Envelope("attachment", new { body = "target a ran on Engine 1", mediaType = "text/plain", contentEncoding = "IDENTITY" }),
        .. Case("c1", "p1", "PASSED", null, "GET /session/counter -> 200"),
        .. Case("c2", "p2", "FAILED", "expected Secure", "Set-Cookie: Kr.Session=...; httponly"),
        .. Case("c3", "p3", "SKIPPED", "black-box mode: the server does not claim E1", null),
        .. Case("c4", "p4", "PASSED", null, null),
    ];

    [Fact]
    public void Cells_follow_the_scenarios_of_each_requirement_on_each_target()
    {
        var report = ConformanceReport.Build(Catalog, MessageReader.Parse(Messages));

        report.Targets.Should().Equal("a", "b");
        report.Cell(Catalog.Find("T1.1")!, "a").Outcome.Should().Be(Outcome.Passed);
        report.Cell(Catalog.Find("T1.2")!, "a").Should().Match<MatrixCell>(c => c.Outcome == Outcome.Failed && c.Reason == "expected Secure");
        report.Cell(Catalog.Find("E1")!, "a").Should().Match<MatrixCell>(c => c.Outcome == Outcome.Skipped && c.Reason!.Contains("does not claim E1"));
        report.Cell(Catalog.Find("T1.2")!, "b").Outcome.Should().BeNull("no scenario of T1.2 ran on b");
        report.Run.Scenarios.Should().Contain(s => s.Target == "b" && s.Scenario == "HttpOnly");
    }

    [Fact]
    public void Scores_count_requirements_per_target_and_tier()
    {
        var report = ConformanceReport.Build(Catalog, MessageReader.Parse(Messages));

        report.ScoreLines().Should().Equal(
            "a: contract 1/2 passed, 1 failed, 0 skipped; extension 0/1 passed, 0 failed, 1 skipped",
            "b: contract 1/2 passed, 0 failed, 1 skipped; extension 0/1 passed, 0 failed, 1 skipped");
    }

    [Fact]
    public void The_page_links_every_cell_to_the_evidence_of_its_scenarios()
    {
        var page = MatrixPage.Render(ConformanceReport.Build(Catalog, MessageReader.Parse(Messages)));

        page.Should().Contain("<a href=\"#case-c2\"").And.Contain("<section id=\"case-c2\">");
        page.Should().Contain("Set-Cookie: Kr.Session=...; httponly", "the evidence attached to the step is on the page");
        page.Should().Contain("target a ran on Engine 1", "run-level attachments are shown");
        page.Should().Contain("T1 Cookie").And.Contain("E Extras");
        page.Should().Contain("contract 1/2 passed, 1 failed, 0 skipped");
    }

    private static string Pickle(string id, string name, params string[] tags) => Envelope("pickle", new
    {
        id,
        uri = "f.feature",
        name,
        language = "en",
        astNodeIds = new[] { "n" },
        steps = new[] { new { id = id + "s", text = "a step of " + name, type = "Action", astNodeIds = new[] { "n" } } },
        tags = tags.Select(t => new { name = "@" + t, astNodeId = "n" }),
    });

    private static string[] Case(string id, string pickle, string status, string? message, string? evidence)
    {
        var started = id + "r";
        var step = id + "t";
        var lines = new List<string>
        {
            Envelope("testCase", new { id, pickleId = pickle, testSteps = new[] { new { id = step, pickleStepId = pickle + "s" } } }),
            Envelope("testCaseStarted", new { id = started, testCaseId = id, attempt = 0 }),
        };
        if (evidence is not null)
        {
            lines.Add(Envelope("attachment", new { testCaseStartedId = started, testStepId = step, body = evidence, mediaType = "text/plain", contentEncoding = "IDENTITY" }));
        }

        lines.Add(Envelope("testStepFinished", new { testCaseStartedId = started, testStepId = step, testStepResult = new { status, message } }));
        lines.Add(Envelope("testCaseFinished", new { testCaseStartedId = started, willBeRetried = false }));
        return [.. lines];
    }

    private static string Envelope(string kind, object message) =>
        System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object> { [kind] = message });
}
