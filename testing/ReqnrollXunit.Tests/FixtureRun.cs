using System.Diagnostics;
using Xunit;

namespace ReqnrollXunit.Tests;

/// <summary>One run of the fixture suite as a child process: its console output, exit code, time and report folder.</summary>
internal sealed record FixtureRun(string Output, int ExitCode, TimeSpan Elapsed, string LivingDoc)
{
    // Beside this project's own output: testing/ReqnrollXunit.Fixtures/bin/<configuration>/<framework>/.
    private static readonly string Fixtures = FixturesAssembly();

    public string Messages => File.ReadAllText(Path.Combine(LivingDoc, "messages.ndjson"));

    public static async Task<FixtureRun> StartAsync(IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var livingDoc = Path.Combine(Path.GetTempPath(), "reqnroll-xunit-tests", Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo("dotnet", ["exec", Fixtures, "-noColor", "-preEnumerateTheories", .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["FIXTURE_LIVING_DOC"] = livingDoc;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Fixtures}.");
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return new FixtureRun(await output + await errors, process.ExitCode, clock.Elapsed, livingDoc);
    }

    public static Task<FixtureRun> StartAsync(params string[] arguments) => StartAsync(null, arguments);

    private static string FixturesAssembly()
    {
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = framework.Parent!;
        var testing = configuration.Parent!.Parent!.Parent!;
        return Path.Combine(testing.FullName, "ReqnrollXunit.Fixtures", "bin", configuration.Name, framework.Name, "ReqnrollXunit.Fixtures.dll");
    }
}
