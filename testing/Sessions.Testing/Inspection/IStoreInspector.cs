namespace Sessions.Testing.Inspection;

/// <summary>Reads the store behind the server directly, to prove what the HTTP answers cannot show.</summary>
public interface IStoreInspector
{
    /// <summary>The stored session for a session key (not the cookie), or null when the store holds nothing for it.</summary>
    Task<StoredSession?> ReadAsync(string sessionKey, CancellationToken cancellationToken);

    /// <summary>Removes expired sessions now, as the server's own sweep eventually would; says what it did.</summary>
    Task<string> SweepAsync(CancellationToken cancellationToken);
}

/// <summary>A session as the store holds it: the serialized bytes and when the store considers it expired.</summary>
public sealed record StoredSession(byte[] Value, DateTimeOffset ExpiresAt, string Where);

/// <summary>What a scenario needs to look inside the store: the rows, and how to turn its cookie into the row key.</summary>
public sealed record StoreView(IStoreInspector Rows, SessionKeys Keys);
