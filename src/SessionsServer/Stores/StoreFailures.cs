using System.Data.Common;
using System.Net.Sockets;
using Sessions.Caching.Provisioning;
using StackExchange.Redis;

namespace SessionsServer.Stores;

/// <summary>
/// Decides which exceptions mean "the store failed" and what the client is told about them. The cause may be
/// wrapped (data protection wraps a key-ring read in a CryptographicException), so the whole chain is read.
/// </summary>
internal static class StoreFailures
{
    public sealed record Failure(string Message, string Reason);

    public static Failure? Describe(Exception exception, string store)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (DescribeOne(current, store) is { } failure)
            {
                return failure;
            }
        }

        return null;
    }

    private static Failure? DescribeOne(Exception exception, string store) => exception switch
    {
        SessionTableMissingException missing => new(missing.Message, $"table {missing.QualifiedTableName} is missing"),
        SessionCacheUnavailableException unavailable => new(unavailable.Message, unavailable.Reason),
        // The session's own I/O timeout fires as a cancellation that the caller did not ask for.
        OperationCanceledException or TimeoutException => new($"Session store '{store}' is unavailable: no answer within the I/O timeout", "I/O timeout"),
        // Reached outside the guarded cache, e.g. while reading the data-protection key ring kept in the store.
        // Drivers do not wrap every socket error: Npgsql lets a bare IOException out when a connection it is opening
        // is reset. Session routes read no request body, so an IOException here comes from the store.
        DbException or RedisException or SocketException or IOException => new($"Session store '{store}' is unavailable: {FirstLine(exception.Message)}", FirstLine(exception.Message)),
        _ => null,
    };

    public static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
