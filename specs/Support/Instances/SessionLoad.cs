using System.Collections.Concurrent;
using System.Diagnostics;
using Flurl.Http;
using Sessions.Specs.Support.Http;
using Sessions.Testing.Http;

namespace Sessions.Specs.Support.Instances;

/// <summary>What a load run saw: every status by count, and every answer that broke a session's own sequence.</summary>
public sealed record LoadResult(int Sessions, int RequestsPerSession, TimeSpan Elapsed, IReadOnlyDictionary<int, int> Statuses, IReadOnlyList<string> Problems)
{
    public int Requests => Statuses.Values.Sum();

    public override string ToString() =>
        $"{Sessions} sessions x {RequestsPerSession} counter requests: {Requests} requests in {Elapsed.TotalSeconds:0.0} s " +
        $"({Requests / Math.Max(Elapsed.TotalSeconds, 0.001):0} req/s); statuses {string.Join(", ", Statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}x{s.Value}"))}; " +
        $"{Problems.Count} problem(s){(Problems.Count > 0 ? ":\n" + string.Join('\n', Problems.Take(20)) : "")}";
}

/// <summary>
/// Many sessions at once, each a browser of its own calling sequentially: within one session every answer is
/// predictable (1, 2, ... N), so a single wrong number means a lost write or another session's data.
/// </summary>
public static class SessionLoad
{
    public static async Task<LoadResult> RunAsync(SessionClient client, int sessions, int requestsPerSession, CancellationToken cancellationToken)
    {
        var statuses = new ConcurrentDictionary<int, int>();
        var problems = new ConcurrentQueue<string>();
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(1, sessions).Select(session => Task.Run(
            () => OneSessionAsync(client, session, requestsPerSession, statuses, problems, cancellationToken), cancellationToken)));
        return new LoadResult(sessions, requestsPerSession, Stopwatch.GetElapsedTime(started), statuses, problems.ToList());
    }

    private static async Task OneSessionAsync(
        SessionClient client, int session, int requests, ConcurrentDictionary<int, int> statuses, ConcurrentQueue<string> problems, CancellationToken cancellationToken)
    {
        var jar = new CookieJar();
        var marker = $"load-{session}-{Guid.NewGuid():N}";
        var set = await Call(client, jar, $"/session/set?key=marker&value={marker}", statuses, cancellationToken);
        if (set.StatusCode != 200)
        {
            problems.Enqueue($"session {session}: storing its marker answered {set}");
            return;
        }

        for (var expected = 1; expected <= requests && !cancellationToken.IsCancellationRequested; expected++)
        {
            var counter = await Call(client, jar, "/session/counter", statuses, cancellationToken);
            if (counter.StatusCode != 200 || counter.JsonInt("counter") != expected)
            {
                problems.Enqueue($"session {session}: request {expected} answered {counter.StatusCode} {counter.Body}");
                return;
            }
        }

        var check = await Call(client, jar, "/session/get?key=marker", statuses, cancellationToken);
        if (check.StatusCode != 200 || check.JsonString("value") != marker)
        {
            problems.Enqueue($"session {session}: its marker {marker} read back as {check.StatusCode} {check.Body}");
        }
    }

    /// <summary>Sends the same session cookie on <paramref name="requests"/> counter requests at once.</summary>
    public static async Task<IReadOnlyList<SessionResponse>> BurstAsync(SessionClient client, CookieJar jar, int requests, CancellationToken cancellationToken)
    {
        // The cookie is copied into a header so no request's Set-Cookie can change what the others send.
        var cookie = string.Join("; ", jar.Select(c => $"{c.Name}={c.Value}"));
        using var start = new SemaphoreSlim(0);
        var sends = Enumerable.Range(0, requests).Select(_ => Task.Run(async () =>
        {
            await start.WaitAsync(cancellationToken);
            return await client.GetAsync("/session/counter", request => request.WithHeader("Cookie", cookie), sendCookies: false, cancellationToken);
        }, cancellationToken)).ToList();
        start.Release(requests);
        return await Task.WhenAll(sends);
    }

    private static async Task<SessionResponse> Call(SessionClient client, CookieJar jar, string pathAndQuery, ConcurrentDictionary<int, int> statuses, CancellationToken cancellationToken)
    {
        var response = await client.GetAsync(pathAndQuery, request => request.WithCookies(jar), sendCookies: false, cancellationToken);
        statuses.AddOrUpdate(response.StatusCode, 1, (_, count) => count + 1);
        return response;
    }
}
