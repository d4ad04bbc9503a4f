using System.Text;
using ConformanceMatrix.Results;
using static System.Net.WebUtility;

namespace ConformanceMatrix.Matrix;

/// <summary>
/// Renders a <see cref="ConformanceReport"/> as one self-contained HTML page: scores per target and tier, the
/// requirements grouped as the contract groups them against the targets, and below it each scenario's steps with the
/// evidence attached to them, which every cell links to.
/// </summary>
public static class MatrixPage
{
    private const string Style = """
        body{font-family:system-ui,sans-serif;margin:1.5rem;color:#222}
        table{border-collapse:collapse;margin-bottom:1.5rem}
        th,td{border:1px solid #ccc;padding:.3rem .5rem;vertical-align:top;font-size:.9rem}
        th{background:#f3f3f3;text-align:left}
        tr.group th{background:#e4e9f2}
        td.passed{background:#e3f6e3}td.failed{background:#fbe0e0}td.skipped,td.missing{background:#f6f1dc}
        .reason{display:block;color:#555;font-size:.8rem;max-width:22rem}
        pre{background:#f8f8f8;border:1px solid #e4e4e4;padding:.4rem;white-space:pre-wrap;font-size:.8rem}
        .step-FAILED{color:#b00}.step-SKIPPED{color:#886}
        """;

    public static string Render(ConformanceReport report, string? livingDocHref = "index.html")
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Conformance matrix</title><style>")
            .Append(Style).Append("</style></head><body><h1>Conformance matrix</h1>");
        if (livingDocHref is not null)
        {
            html.Append($"<p>Requirements of the contract against the targets of this run. Full living documentation: <a href=\"{HtmlEncode(livingDocHref)}\">{HtmlEncode(livingDocHref)}</a>.</p>");
        }

        AppendScores(html, report);
        if (report.Run.RunAttachments.Count > 0)
        {
            html.Append("<h2>Run</h2>");
            foreach (var attachment in report.Run.RunAttachments)
            {
                html.Append("<pre>").Append(HtmlEncode(attachment)).Append("</pre>");
            }
        }

        AppendMatrix(html, report);
        AppendEvidence(html, report);
        return html.Append("</body></html>").ToString();
    }

    private static void AppendScores(StringBuilder html, ConformanceReport report)
    {
        html.Append("<h2>Scores</h2><table><tr><th>target</th><th>contract</th><th>extension</th></tr>");
        var scores = report.Scores();
        foreach (var target in report.Targets)
        {
            html.Append("<tr><th>").Append(HtmlEncode(target)).Append("</th>");
            foreach (var score in scores.Where(s => s.Target == target))
            {
                html.Append("<td>").Append(HtmlEncode(score.ToString())).Append("</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</table>");
    }

    private static void AppendMatrix(StringBuilder html, ConformanceReport report)
    {
        html.Append("<h2>Requirements</h2><table><tr><th>id</th><th>requirement</th>");
        foreach (var target in report.Targets)
        {
            html.Append("<th>").Append(HtmlEncode(target)).Append("</th>");
        }

        html.Append("</tr>");
        foreach (var group in report.Catalog.Groups)
        {
            html.Append($"<tr class=\"group\"><th colspan=\"{report.Targets.Count + 2}\">{HtmlEncode(group)}</th></tr>");
            foreach (var requirement in report.Catalog.Requirements.Where(r => r.Group == group))
            {
                html.Append($"<tr id=\"req-{HtmlEncode(requirement.Id)}\"><th>{HtmlEncode(requirement.Id)}</th>")
                    .Append($"<td title=\"source: {HtmlEncode(requirement.Source)}\">{HtmlEncode(requirement.Text)}</td>");
                foreach (var target in report.Targets)
                {
                    AppendCell(html, report.Cell(requirement, target));
                }

                html.Append("</tr>");
            }
        }

        html.Append("</table>");
    }

    private static void AppendCell(StringBuilder html, MatrixCell cell)
    {
        var status = cell.Outcome?.ToString().ToLowerInvariant() ?? "missing";
        html.Append($"<td class=\"{status}\">{status}");
        if (cell.Reason is { } reason)
        {
            html.Append("<span class=\"reason\">").Append(HtmlEncode(FirstLine(reason))).Append("</span>");
        }

        foreach (var scenario in cell.Scenarios)
        {
            html.Append($"<br><a href=\"#{Anchor(scenario)}\" title=\"{HtmlEncode(scenario.Scenario)}\">")
                .Append(HtmlEncode(Symbol(scenario.Outcome))).Append(' ').Append(HtmlEncode(Shorten(scenario.Scenario))).Append("</a>");
        }

        html.Append("</td>");
    }

    private static void AppendEvidence(StringBuilder html, ConformanceReport report)
    {
        html.Append("<h2>Evidence</h2>");
        foreach (var scenario in report.Run.Scenarios.OrderBy(s => s.Target, StringComparer.Ordinal).ThenBy(s => s.Uri, StringComparer.Ordinal).ThenBy(s => s.Scenario, StringComparer.Ordinal))
        {
            html.Append($"<section id=\"{Anchor(scenario)}\"><h3>{HtmlEncode(Symbol(scenario.Outcome))} {HtmlEncode(scenario.Scenario)} [{HtmlEncode(scenario.Target)}]</h3>")
                .Append($"<p>{HtmlEncode(scenario.Uri)} · {HtmlEncode(string.Join(' ', scenario.Tags.Select(t => "@" + t)))}</p>");
            if (scenario.Reason is { } reason)
            {
                html.Append("<pre>").Append(HtmlEncode(reason)).Append("</pre>");
            }

            html.Append("<ol>");
            foreach (var step in scenario.Steps)
            {
                html.Append($"<li class=\"step-{HtmlEncode(step.Status)}\">{HtmlEncode(step.Text)} — {HtmlEncode(step.Status.ToLowerInvariant())}");
                foreach (var attachment in step.Attachments)
                {
                    html.Append("<pre>").Append(HtmlEncode(attachment)).Append("</pre>");
                }

                html.Append("</li>");
            }

            html.Append("</ol></section>");
        }
    }

    private static string Anchor(ScenarioOutcome scenario) => "case-" + HtmlEncode(scenario.Id);

    private static string Symbol(Outcome outcome) => outcome switch
    {
        Outcome.Passed => "✔",
        Outcome.Failed => "✘",
        _ => "–",
    };

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "…";
}
