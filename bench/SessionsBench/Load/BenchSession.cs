using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using HdrHistogram;
using SessionsBench.Measurement;
using Microsoft.Net.Http.Headers;

namespace SessionsBench.Load;

/// <summary>
/// One browser: its own session cookie, sent by hand over a handler shared by all sessions, so every store
/// pays the same small client cost. Requests are strictly sequential, which is what makes the counter checkable:
/// after n successful increments the server must answer n.
/// </summary>
public sealed class BenchSession(HttpClient client, int index, LoadStats stats)
{
    private const string CookieName = "Kr.Session";
    private static readonly byte[] CounterProperty = "counter"u8.ToArray();

    private readonly Random _mix = new(index);
    private string? _cookie;

    /// <summary>Counter increments the server confirmed with a 2xx.</summary>
    public int Increments { get; private set; }

    /// <summary>The counter value of the last successful counter answer.</summary>
    public int LastCounter { get; private set; }

    /// <summary>Recorded request times of the current phase; the phase resets it.</summary>
    public LongHistogram Latency { get; } = Percentiles.NewHistogram();

    public string Color => $"c{index}";

    /// <summary>Logs in and sets the color once, so whoami and get have something to find.</summary>
    public async Task StartAsync()
    {
        await SendAsync($"/session/login?user=u{index}", record: false);
        await SendAsync($"/session/set?key=color&value={Color}", record: false);
    }

    /// <summary>70 % counter, 20 % whoami, 10 % get: session writes dominate, as in the tutorial's counter page.</summary>
    public RequestKind NextKind() => _mix.Next(100) switch
    {
        < 70 => RequestKind.Counter,
        < 90 => RequestKind.WhoAmI,
        _ => RequestKind.GetColor,
    };

    public Task SendAsync(RequestKind kind, bool record) => kind switch
    {
        RequestKind.Counter => SendAsync("/session/counter", record, readCounter: true),
        RequestKind.WhoAmI => SendAsync("/session/whoami", record),
        _ => SendAsync("/session/get?key=color", record),
    };

    private async Task SendAsync(string pathAndQuery, bool record, bool readCounter = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        if (_cookie is not null)
        {
            request.Headers.TryAddWithoutValidation("Cookie", _cookie);
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            var body = await response.Content.ReadAsByteArrayAsync();
            var elapsed = Stopwatch.GetTimestamp() - started;
            if (record)
            {
                Percentiles.Record(Latency, elapsed);
            }

            RememberCookie(response.Headers);
            if (!response.IsSuccessStatusCode)
            {
                stats.Error($"{pathAndQuery} answered {(int)response.StatusCode}: {Truncate(System.Text.Encoding.UTF8.GetString(body))}");
                return;
            }

            if (readCounter)
            {
                Increments++;
                LastCounter = ReadCounter(body);
                if (LastCounter != Increments)
                {
                    stats.Mismatch($"session {index}: counter answered {LastCounter} after {Increments} increments");
                }
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
        {
            stats.Error($"{pathAndQuery} failed: {ex.GetType().Name}: {Truncate(ex.Message)}");
        }
    }

    /// <summary>The server sets the cookie when a session is established; a later Set-Cookie replaces it, as a browser would.</summary>
    private void RememberCookie(HttpResponseHeaders headers)
    {
        if (!headers.TryGetValues("Set-Cookie", out var values))
        {
            return;
        }

        foreach (var value in values)
        {
            if (SetCookieHeaderValue.TryParse(value, out var cookie) && cookie.Name.Equals(CookieName, StringComparison.Ordinal))
            {
                _cookie = $"{cookie.Name}={cookie.Value}";
            }
        }
    }

    private static int ReadCounter(byte[] body)
    {
        var reader = new Utf8JsonReader(body);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals(CounterProperty) && reader.Read())
            {
                return reader.GetInt32();
            }
        }

        throw new JsonException("no counter in the answer");
    }

    private static string Truncate(string text) => text.Length <= 160 ? text : text[..160] + "...";
}
