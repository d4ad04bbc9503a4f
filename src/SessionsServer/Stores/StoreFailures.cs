using System.Data.Common;
using System.Net.Sockets;
using System.Security.Cryptography;
using Sessions.Caching.Provisioning;
using SessionsServer.Hosting;
using SessionsServer.Locking;
using SessionsServer.Sessions;
using StackExchange.Redis;

namespace SessionsServer.Stores;

/// <summary>
/// Decides which exceptions mean "the store failed", what the client is told and what the log says. The client gets
/// the project's own words only (the store's name, a timeout, a missing table and how to create it, an unreadable key
/// ring); the driver's text, which can carry hosts, logins, file paths and SQL, goes to the log alone. The cause may be
/// wrapped (data protection wraps a key-ring read in a CryptographicException), so the whole chain is read. A store
/// that refuses the server's login, rights or SQL is misconfigured, not away: that is a 500 (<see cref="StoreMisconfiguration"/>).
/// </summary>
internal static class StoreFailures
{
    public const string Refused = "the store refused the call or the connection to it failed (the server log says why)";

    public const string KeyRingUnreadable = "its data-protection key ring cannot be read (the server log says why)";

    public const string NoAnswer = "no answer within the I/O timeout";

    public const string SessionChanged =
        "The session changed while this request ran: another request on it was stored first, so this request's change was not kept; read the session again and retry";

    /// <param name="Message">For the client.</param>
    /// <param name="Reason">For the log: may quote the driver.</param>
    /// <param name="Misconfigured">A configuration error: answered 500 and logged as an error.</param>
    /// <param name="Conflict">The store works, but the session changed under the request: answered 409.</param>
    public sealed record Failure(string Message, string Reason, bool Misconfigured = false, bool Conflict = false)
    {
        public int StatusCode => Misconfigured ? StatusCodes.Status500InternalServerError
            : Conflict ? StatusCodes.Status409Conflict
            : StatusCodes.Status503ServiceUnavailable;

        public void Log(ILogger logger, string store, string path)
        {
            if (Misconfigured)
            {
                ServerLog.StoreMisconfigured(logger, store, path, Reason);
            }
            else if (Conflict)
            {
                ServerLog.SessionChanged(logger, store, path);
            }
            else
            {
                ServerLog.StoreUnavailable(logger, store, path, Reason);
            }
        }
    }

    public static Failure? Describe(Exception exception, string store)
    {
        // Before anything else in the chain: the guard wraps a refused login in "unavailable" like any other failure.
        if (StoreMisconfiguration.Find(exception) is var (kind, error))
        {
            return new(
                $"Session store '{store}' is misconfigured: {StoreMisconfiguration.Describe(kind)} (a configuration problem, not an outage; the server log says why)",
                FirstLine(error.Message),
                Misconfigured: true);
        }

        var keyRing = false;
        for (var current = exception; current is not null; current = current.InnerException)
        {
            keyRing |= current is CryptographicException;
            if (DescribeOne(current, store, keyRing) is { } failure)
            {
                return failure;
            }
        }

        return null;
    }

    private static Failure? DescribeOne(Exception exception, string store, bool keyRing) => exception switch
    {
        // The project's own text: the table, and both ways to create it.
        SessionTableMissingException missing => new(missing.Message, $"table {missing.QualifiedTableName} is missing"),
        // Not the store failing: another request on the session held its lock (Sessions:SerializeRequests) too long.
        SessionBusyException busy => new(
            $"The session is busy: another request on it held it for the whole I/O timeout ({busy.Waited.TotalSeconds:0.#} s); the session is unchanged, try again",
            "the session's lock was not free within the I/O timeout"),
        // Not the store failing: the store refused a write over a session another request changed since this one read it.
        SessionChangedException => new(SessionChanged, "the session changed after this request read it", Conflict: true),
        SessionCacheUnavailableException { TimedOut: true } unavailable => new(Unavailable(store, unavailable.Reason), unavailable.Reason),
        SessionCacheUnavailableException unavailable => new(Unavailable(store, keyRing ? KeyRingUnreadable : Refused), unavailable.Reason),
        // The session's own I/O timeout fires as a cancellation that the caller did not ask for.
        OperationCanceledException or TimeoutException => new(Unavailable(store, NoAnswer), "I/O timeout"),
        // Reached outside the guarded cache, e.g. while reading the data-protection key ring kept in the store.
        // Drivers do not wrap every socket error: Npgsql lets a bare IOException out when a connection it is opening
        // is reset. Session routes read no request body, so an IOException here comes from the store.
        DbException or RedisException or SocketException or IOException =>
            new(Unavailable(store, keyRing ? KeyRingUnreadable : Refused), FirstLine(exception.Message)),
        _ => null,
    };

    private static string Unavailable(string store, string why) => $"Session store '{store}' is unavailable: {why}";

    public static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
