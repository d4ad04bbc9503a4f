namespace Sessions.Caching.KeyRing;

/// <summary>
/// The key-ring table's SQL for one dialect, formatted once with its quoted names. Parameters used:
/// @App, @Name, @Xml, @Now.
/// </summary>
internal sealed record KeyRingStatements(string QualifiedTableName, string CreateTable, string SelectAll, string Insert);
