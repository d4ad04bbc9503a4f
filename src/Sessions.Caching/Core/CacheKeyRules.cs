namespace Sessions.Caching.Core;

/// <summary>Argument rules shared by every store, matching the official SQL Server cache's messages.</summary>
internal static class CacheKeyRules
{
    /// <summary>
    /// The standard table's key is nvarchar(449): 449 UTF-16 code units keep the primary key under
    /// SQL Server's 900-byte index key limit. Every store enforces it so keys stay portable between stores.
    /// </summary>
    public const int MaxKeyLength = 449;

    public static void ValidateKey(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (key.Length > MaxKeyLength)
        {
            throw new ArgumentOutOfRangeException(
                nameof(key),
                key.Length,
                $"The key must be at most {MaxKeyLength} characters long (the Id column is nvarchar({MaxKeyLength})); it has {key.Length}.");
        }
    }
}
