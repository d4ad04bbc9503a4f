namespace Sessions.Caching.Provisioning;

/// <summary>The session table (or the key-ring table beside it) does not exist and the store was not allowed to create it.</summary>
public sealed class SessionTableMissingException : InvalidOperationException
{
    public const string SchemaCreateCommand = "dotnet run --project src/SessionsServer -- schema create";
    public const string CreateTableSetting = "Sessions:CreateTable=true";

    public SessionTableMissingException(string qualifiedTableName, string storeName, Exception? innerException = null)
        : base(
            $"The table {qualifiedTableName} that the sessions need does not exist in the {storeName} store. " +
            $"Create it with `{SchemaCreateCommand}`, or set `{CreateTableSetting}` to let the server create it on first use.",
            innerException)
    {
        QualifiedTableName = qualifiedTableName;
        StoreName = storeName;
    }

    public string QualifiedTableName { get; }

    public string StoreName { get; }
}
