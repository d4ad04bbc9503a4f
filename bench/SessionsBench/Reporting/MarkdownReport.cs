using System.Text;
using SessionsBench.Cli;

namespace SessionsBench.Reporting;

/// <summary>artifacts/bench/results.md: the table, what produced it, and what each column means.</summary>
public static class MarkdownReport
{
    public static string Render(IReadOnlyList<StoreResult> results, IReadOnlyList<string> skipped, IReadOnlyList<string> failed, BenchOptions options, DateTimeOffset when)
    {
        var text = new StringBuilder();
        text.Append("# Sessions benchmark\n\n");
        text.Append($"{when:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}; ");
        text.Append($"{options.Sessions} concurrent sessions, {options.Warmup.TotalSeconds:0.#} s warm-up, {options.Duration.TotalSeconds:0.#} s measured per row; ");
        text.Append("mix 70 % `/session/counter`, 20 % `/session/whoami`, 10 % `/session/get?key=color`; ");
        text.Append($"`Microsoft.AspNetCore.Session` logs at {options.SessionLogLevel}.\n\n");
        text.Append(ResultTable.ForMarkdown(results)).Append("\n\n");
        foreach (var reason in skipped)
        {
            text.Append($"- skipped: {reason}\n");
        }

        foreach (var failure in failed)
        {
            text.Append($"- FAILED: {failure}\n");
        }

        text.Append("\nStore calls by operation (from the probe):\n\n");
        foreach (var result in results)
        {
            text.Append($"- {result.Store}/{result.Profile}: read = {result.TripsRead.Breakdown}; write = {result.TripsWrite.Breakdown}\n");
        }

        text.Append("""

            ## What the columns mean

            Each row is one server, started in this process on real Kestrel over HTTPS on loopback, on one store with one
            profile (`hardened` = the project's load-once session over its guarded cache, `tutorial` = the official cache and
            ASP.NET Core's `DistributedSession`, with nothing around them: its store calls are not counted, n/a).
            **req/s** is requests completed in the measured phase divided by its wall time, all sessions together; every
            session sends one request at a time with its own cookie. **p50/p95/p99 ms** are latency percentiles (nearest rank,
            client-side, every request recorded). **trips read** and **trips write** are store calls per request, *counted*:
            the server increments the `sessions.store.calls` counter of the `SessionsServer.Store` meter on every
            `IDistributedCache` call, and after the measured phase one session sends the same request many times in a row with
            nothing else running (whoami and get averaged for read, counter for write), so every call belongs to those requests.
            The stock session's extra "session started" read only happens when `Microsoft.AspNetCore.Session` logs at
            Information, which the bench enables (into a sink that discards it). **alloc B/req** is
            `GC.GetTotalAllocatedBytes` over the measured phase divided by requests: client and server share the process, so it
            counts both, and only differences between rows mean something. **× memory** is req/s divided by the memory store's
            req/s in the same profile in the same run. **lost** is, summed over sessions, the difference
            between the increments a session made and the counter value the server finally answered (0 expected: each session
            is sequential). **errors** are non-2xx answers, failed requests and counter answers that disagreed with the session's
            own count. Numbers compare stores within one run on one machine; they are not absolute.

            """);
        return text.ToString();
    }
}
