using System.Text;
using SessionsServer.Configuration;

namespace SessionsServer.Routes;

/// <summary>
/// Size limits checked before a write, so an oversized key or value is refused with a 413 and the session
/// stays exactly as it was. Sizes are counted the way the session is stored (UTF-8 plus framing).
/// </summary>
internal static class SessionLimits
{
    // Revision, entry count and session id; then per entry a 2-byte key length and a 4-byte value length.
    private const int HeaderBytes = 1 + 3 + 16;
    private const int EntryOverheadBytes = 2 + 4;

    public static string? Check(ISession session, string key, string value, SessionsServerOptions limits)
    {
        var keyBytes = Encoding.UTF8.GetByteCount(key);
        if (keyBytes > limits.MaxKeyBytes)
        {
            return $"Key is {keyBytes} bytes; the limit is {limits.MaxKeyBytes} (Sessions:MaxKeyBytes)";
        }

        var valueBytes = Encoding.UTF8.GetByteCount(value);
        if (valueBytes > limits.MaxValueBytes)
        {
            return $"Value is {valueBytes} bytes; the limit is {limits.MaxValueBytes} (Sessions:MaxValueBytes)";
        }

        var total = HeaderBytes + EntryOverheadBytes + keyBytes + valueBytes;
        foreach (var existing in session.Keys.Where(k => k != key))
        {
            total += EntryOverheadBytes + Encoding.UTF8.GetByteCount(existing) + (session.TryGetValue(existing, out var stored) ? stored.Length : 0);
        }

        return total > limits.MaxSessionBytes
            ? $"The session would be {total} bytes; the limit is {limits.MaxSessionBytes} (Sessions:MaxSessionBytes)"
            : null;
    }
}
