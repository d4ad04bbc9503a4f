using System.Diagnostics;
using Io.Cucumber.Messages.Types;

namespace Gherkin.Runner.Reporting;

/// <summary>What writing the report produced; <see cref="Note"/> says how to finish by hand when HTML was not rendered.</summary>
public sealed record ReportFiles(string MessagesPath, string? HtmlPath, string? Note);

/// <summary>Writes messages.ndjson and renders index.html with the official @cucumber/html-formatter (via Node).</summary>
public static class LivingDocumentation
{
    public const string DirectoryVariable = "LIVING_DOC_DIR";
    public const string RendererDirectory = "specs/Runner/report";

    /// <summary>
    /// LIVING_DOC_DIR when set, else artifacts/living-doc (plus <paramref name="subdirectory"/>) under the repository
    /// root: the nearest ancestor of the test binaries holding Sessions.Conformance.sln or .git.
    /// </summary>
    public static string ResolveDirectory(string? subdirectory = null)
    {
        if (Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } overridden) return Path.GetFullPath(overridden);
        var root = FindRepositoryRoot(AppContext.BaseDirectory) ?? Directory.GetCurrentDirectory();
        var directory = Path.Combine(root, "artifacts", "living-doc");
        return subdirectory is null ? directory : Path.Combine(directory, subdirectory);
    }

    public static string? FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Sessions.Conformance.sln")) || Path.Exists(Path.Combine(dir.FullName, ".git")))
                return dir.FullName;
        return null;
    }

    public static async Task<ReportFiles> WriteAsync(IReadOnlyList<Envelope> envelopes, string directory, CancellationToken cancellationToken = default)
    {
        var messages = Path.Combine(directory, "messages.ndjson");
        NdjsonFormat.Write(messages, envelopes);
        var html = Path.Combine(directory, "index.html");
        var note = await RenderHtmlAsync(messages, html, cancellationToken).ConfigureAwait(false);
        return new ReportFiles(messages, note is null ? html : null, note);
    }

    /// <summary>Returns null on success, otherwise one line telling how to render the page by hand. Never throws for a missing tool.</summary>
    public static async Task<string?> RenderHtmlAsync(string messagesPath, string htmlPath, CancellationToken cancellationToken = default)
    {
        var renderer = FindRenderer();
        var manual = $"HTML report not rendered; to render it: cd {RendererDirectory} && npm ci && node render.mjs {messagesPath} {htmlPath}";
        if (renderer is null) return manual;
        try
        {
            var start = new ProcessStartInfo("node", [Path.Combine(renderer, "render.mjs"), messagesPath, htmlPath])
            {
                WorkingDirectory = renderer,
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            };
            using var process = Process.Start(start)!;
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            return process.ExitCode == 0 ? null : $"{manual} (node failed: {(await errors.ConfigureAwait(false)).Trim()})";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return manual + " (node is not installed)";
        }
    }

    /// <summary>The renderer folder, only when its npm dependencies are installed.</summary>
    public static string? FindRenderer()
    {
        var root = FindRepositoryRoot(AppContext.BaseDirectory);
        if (root is null) return null;
        var folder = Path.Combine(root, RendererDirectory);
        return Directory.Exists(Path.Combine(folder, "node_modules", "@cucumber", "html-formatter")) ? folder : null;
    }
}
