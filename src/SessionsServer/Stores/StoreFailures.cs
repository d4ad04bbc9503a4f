using Sessions.Caching.Provisioning;

namespace SessionsServer.Stores;

/// <summary>Decides which exceptions mean "the store failed" and what the client is told about them.</summary>
internal static class StoreFailures
{
    public sealed record Failure(string Message, string Reason);

    public static Failure? Describe(Exception exception, string store) => exception switch
    {
        SessionStoreUnavailableException unavailable => new(unavailable.Message, unavailable.Reason),
        SessionTableMissingException missing => new(missing.Message, $"table {missing.QualifiedTableName} is missing"),
        // The stock session's own I/O timeout fires as a cancellation that the caller did not ask for.
        OperationCanceledException => new($"Session store '{store}' is unavailable: no answer within the I/O timeout", "I/O timeout"),
        _ => null,
    };
}
