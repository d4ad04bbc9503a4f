using System.Diagnostics;
using System.Text.Json;
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

    /// <summary>When each case ran, from the report's testCaseStarted/Finished messages: the scenario's own time, not its wait for a turn.</summary>
    public IReadOnlyList<CaseInterval> Intervals()
    {
        var pickles = new Dictionary<string, (string Name, string Uri)>();
        var cases = new Dictionary<string, string>();
        var started = new Dictionary<string, (string PickleId, DateTimeOffset At)>();
        var intervals = new List<CaseInterval>();
        foreach (var line in File.ReadLines(Path.Combine(LivingDoc, "messages.ndjson")))
        {
            using var message = JsonDocument.Parse(line);
            var root = message.RootElement;
            if (root.TryGetProperty("pickle", out var pickle))
            {
                pickles[pickle.GetProperty("id").GetString()!] = (pickle.GetProperty("name").GetString()!, pickle.GetProperty("uri").GetString()!);
            }
            else if (root.TryGetProperty("testCase", out var testCase))
            {
                cases[testCase.GetProperty("id").GetString()!] = testCase.GetProperty("pickleId").GetString()!;
            }
            else if (root.TryGetProperty("testCaseStarted", out var start))
            {
                started[start.GetProperty("id").GetString()!] = (cases[start.GetProperty("testCaseId").GetString()!], At(start));
            }
            else if (root.TryGetProperty("testCaseFinished", out var finish))
            {
                var (pickleId, at) = started[finish.GetProperty("testCaseStartedId").GetString()!];
                intervals.Add(new CaseInterval(pickles[pickleId].Name, pickles[pickleId].Uri, at, At(finish)));
            }
        }

        return intervals;
    }

    private static DateTimeOffset At(JsonElement message)
    {
        var timestamp = message.GetProperty("timestamp");
        return DateTimeOffset.FromUnixTimeSeconds(timestamp.GetProperty("seconds").GetInt64())
            .AddTicks(timestamp.GetProperty("nanos").GetInt64() / 100);
    }

    private static string FixturesAssembly()
    {
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = framework.Parent!;
        var testing = configuration.Parent!.Parent!.Parent!;
        return Path.Combine(testing.FullName, "ReqnrollXunit.Fixtures", "bin", configuration.Name, framework.Name, "ReqnrollXunit.Fixtures.dll");
    }
}

/// <summary>One case's run: the pickle's name ("Alone [alpha]"), its feature copy's uri (it names the target), start and end.</summary>
internal sealed record CaseInterval(string Name, string Uri, DateTimeOffset Start, DateTimeOffset End)
{
    public bool Overlaps(CaseInterval other) => Start < other.End && other.Start < End;
}
