using System.Data;
using System.Data.Common;
using Microsoft.Data.SqlClient;
using Sessions.Caching.Configuration;
using Sessions.Caching.Core;

namespace Sessions.Caching.Dialects.SqlServer;

/// <summary>
/// SQL Server, on exactly the table <c>dotnet sql-cache create</c> makes, so rows interoperate with
/// Microsoft.Extensions.Caching.SqlServer. Written for SQL Server itself; no engine-specific branches.
/// </summary>
public sealed class SqlServerDialect : SqlDialect
{
    public const string DefaultSchemaName = "dbo";

    // Deadlock victim, and the two duplicate-key errors a racing INSERT can hit.
    private static readonly int[] WriteConflictNumbers = [1205, 2601, 2627];

    private readonly string _connectionString;

    public SqlServerDialect(RelationalCacheOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _connectionString = WithoutPoolBlocking(options.ConnectionString ?? throw new ArgumentException("A connection string is required.", nameof(options)));
        SchemaName = options.SchemaName ?? DefaultSchemaName;
        TableName = options.TableName;
        QualifiedTableName = $"{QuoteName(SchemaName)}.{QuoteName(TableName)}";
        Statements = BuildStatements(QualifiedTableName, SchemaName);
    }

    public override string StoreName => "sqlserver";

    public override string QualifiedTableName { get; }

    public string SchemaName { get; }

    public string TableName { get; }

    internal override DialectStatements Statements { get; }

    /// <summary>Bracket-quotes a name the way QUOTENAME does: a closing bracket is doubled.</summary>
    internal static string QuoteName(string name) => "[" + name.Replace("]", "]]", StringComparison.Ordinal) + "]";

    internal static string UnicodeLiteral(string text) => "N'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    internal override DbConnection CreateConnection() => new SqlConnection(_connectionString);

    internal override KeyRing.KeyRingStatements KeyRingStatements(string keyTableName)
    {
        var table = $"{QuoteName(SchemaName)}.{QuoteName(keyTableName)}";
        return new(
            table,
            $"IF OBJECT_ID({UnicodeLiteral(table)}, N'U') IS NULL CREATE TABLE {table} (ApplicationName nvarchar(200) NOT NULL, FriendlyName nvarchar(200) NOT NULL, Xml nvarchar(max) NOT NULL, CreatedAt datetimeoffset(7) NOT NULL, PRIMARY KEY (ApplicationName, FriendlyName));",
            $"SELECT Xml FROM {table} WHERE ApplicationName = @App;",
            $"INSERT INTO {table} (ApplicationName, FriendlyName, Xml, CreatedAt) VALUES (@App, @Name, @Xml, @Now);");
    }

    /// <summary>
    /// After one failed open, SqlClient's pool fails every open with that cached error for 5 s, doubling up to a minute
    /// (its "blocking period"), even once the server is back; found by the outage feature, whose first request after
    /// the store returned got a 503 in 2 ms. Waits are already bounded by the caller's I/O timeout, so every request
    /// should try the server again. A PoolBlockingPeriod given in the connection string is kept.
    /// </summary>
    internal static string WithoutPoolBlocking(string connectionString)
    {
        try
        {
            var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
            return given.ContainsKey("PoolBlockingPeriod") || given.ContainsKey("Pool Blocking Period")
                ? connectionString
                : new SqlConnectionStringBuilder(connectionString) { PoolBlockingPeriod = PoolBlockingPeriod.NeverBlock }.ConnectionString;
        }
        catch (ArgumentException)
        {
            // Not a SQL Server connection string: left as given, so the first open reports it as before.
            return connectionString;
        }
    }

    // SQL Server: 208 "Invalid object name", for a missing table and a missing schema alike.
    // T-SQL engines built on PostgreSQL (Babelfish) keep PostgreSQL's wording ("relation ... does not
    // exist") under their own number; the message is the only portable signal there.
    internal override bool IsMissingTable(DbException error) =>
        error is SqlException sql &&
        (sql.Number == 208 ||
         (sql.Message.StartsWith("relation ", StringComparison.Ordinal) &&
          sql.Message.EndsWith(" does not exist", StringComparison.Ordinal)));

    // 2714 an object, 1913 an index, 2759 a schema that another creator made between the IF and the CREATE. Babelfish
    // reports PostgreSQL's catalog races under its own numbers, in PostgreSQL's words.
    internal override bool IsConcurrentCreation(DbException error) =>
        error is SqlException sql &&
        (sql.Number is 2714 or 1913 or 2759 ||
         sql.Message.Contains("already exists", StringComparison.Ordinal) ||
         sql.Message.Contains("duplicate key value violates unique constraint", StringComparison.Ordinal) ||
         sql.Message.Contains("tuple concurrently updated", StringComparison.Ordinal));

    internal override bool IsWriteConflict(DbException error) =>
        error is SqlException sql && WriteConflictNumbers.Contains(sql.Number);

    internal override DbParameter IdParameter(string key) =>
        new SqlParameter("@Id", SqlDbType.NVarChar, CacheKeyRules.MaxKeyLength) { Value = key };

    // -1 is varbinary(max): a sized varbinary(n) would truncate large values.
    internal override DbParameter ValueParameter(byte[] value) =>
        new SqlParameter("@Value", SqlDbType.VarBinary, -1) { Value = value };

    internal override DbParameter ExpectedParameter(byte[] expected) =>
        new SqlParameter("@Expected", SqlDbType.VarBinary, -1) { Value = expected };

    internal override DbParameter TimeParameter(string name, DateTimeOffset? value) =>
        new SqlParameter("@" + name, SqlDbType.DateTimeOffset) { Scale = 7, Value = value is { } v ? v : DBNull.Value };

    internal override DbParameter SecondsParameter(string name, long? value) =>
        new SqlParameter("@" + name, SqlDbType.BigInt) { Value = value is { } v ? v : DBNull.Value };

    private static DialectStatements BuildStatements(string table, string schema)
    {
        // DATEADD takes an int; the column is bigint because the official table says so.
        const string slid = "DATEADD(SECOND, CONVERT(int, SlidingExpirationInSeconds), @UtcNow)";
        var slide =
            $"UPDATE {table} SET ExpiresAtTime = CASE WHEN AbsoluteExpiration IS NOT NULL AND AbsoluteExpiration < {slid} " +
            $"THEN AbsoluteExpiration ELSE {slid} END " +
            "WHERE Id = @Id AND @UtcNow <= ExpiresAtTime AND SlidingExpirationInSeconds IS NOT NULL;";

        // The UPDATE ... IF (@@ROWCOUNT = 0) INSERT upsert (MERGE is avoided: it has its own race
        // conditions and some T-SQL engines lack it). UPDLOCK+HOLDLOCK inside one transaction keeps
        // the key range locked until the INSERT, so two first writers of one key queue instead of
        // colliding; the cache still retries a duplicate-key error for engines that ignore the hints.
        var set =
            "SET XACT_ABORT ON; BEGIN TRANSACTION; " +
            $"UPDATE {table} WITH (UPDLOCK, HOLDLOCK) SET Value = @Value, ExpiresAtTime = @ExpiresAtTime, " +
            "SlidingExpirationInSeconds = @SlidingExpirationInSeconds, AbsoluteExpiration = @AbsoluteExpiration " +
            "WHERE Id = @Id; " +
            "IF (@@ROWCOUNT = 0) " +
            "BEGIN " +
            $"INSERT INTO {table} (Id, Value, ExpiresAtTime, SlidingExpirationInSeconds, AbsoluteExpiration) " +
            "VALUES (@Id, @Value, @ExpiresAtTime, @SlidingExpirationInSeconds, @AbsoluteExpiration); " +
            "END; " +
            "COMMIT TRANSACTION;";

        const string assign =
            "Value = @Value, ExpiresAtTime = @ExpiresAtTime, SlidingExpirationInSeconds = @SlidingExpirationInSeconds, AbsoluteExpiration = @AbsoluteExpiration";

        // The conditional writes: the compare and the write are one statement (or one transaction holding the key's
        // range lock), so nothing can land between them. The row count is what was written; an expired row counts
        // as absent, as every read already treats it.
        var setIfUnchanged = $"UPDATE {table} SET {assign} WHERE Id = @Id AND Value = @Expected AND @UtcNow <= ExpiresAtTime;";
        var setIfAbsent =
            "SET XACT_ABORT ON; BEGIN TRANSACTION; " +
            $"UPDATE {table} WITH (UPDLOCK, HOLDLOCK) SET {assign} WHERE Id = @Id AND @UtcNow > ExpiresAtTime; " +
            "IF (@@ROWCOUNT = 0) " +
            "BEGIN " +
            $"INSERT INTO {table} (Id, Value, ExpiresAtTime, SlidingExpirationInSeconds, AbsoluteExpiration) " +
            "SELECT @Id, @Value, @ExpiresAtTime, @SlidingExpirationInSeconds, @AbsoluteExpiration " +
            $"WHERE NOT EXISTS (SELECT 1 FROM {table} WITH (UPDLOCK, HOLDLOCK) WHERE Id = @Id); " +
            "END; " +
            "COMMIT TRANSACTION;";

        var create = new List<string>();
        if (!string.Equals(schema, DefaultSchemaName, StringComparison.OrdinalIgnoreCase))
        {
            // CREATE SCHEMA must be alone in its batch, hence the dynamic EXEC.
            create.Add(
                $"IF SCHEMA_ID({UnicodeLiteral(schema)}) IS NULL " +
                $"EXEC({UnicodeLiteral("CREATE SCHEMA " + QuoteName(schema))});");
        }

        create.Add(
            $"IF OBJECT_ID({UnicodeLiteral(table)}, N'U') IS NULL " +
            "BEGIN " +
            $"CREATE TABLE {table} (" +
            "Id nvarchar(449) COLLATE SQL_Latin1_General_CP1_CS_AS NOT NULL, " +
            "Value varbinary(MAX) NOT NULL, " +
            "ExpiresAtTime datetimeoffset(7) NOT NULL, " +
            "SlidingExpirationInSeconds bigint NULL, " +
            "AbsoluteExpiration datetimeoffset(7) NULL, " +
            "PRIMARY KEY (Id)); " +
            $"CREATE NONCLUSTERED INDEX Index_ExpiresAtTime ON {table} (ExpiresAtTime); " +
            "END;");

        return new DialectStatements(
            GetAndSlide: slide + $" SELECT Value FROM {table} WHERE Id = @Id AND @UtcNow <= ExpiresAtTime;",
            Peek: $"SELECT Value FROM {table} WHERE Id = @Id AND @UtcNow <= ExpiresAtTime;",
            Refresh: slide,
            Set: set,
            Remove: $"DELETE FROM {table} WHERE Id = @Id;",
            DeleteExpired: $"DELETE TOP ({DefaultSweepBatchRows}) FROM {table} WHERE @UtcNow > ExpiresAtTime;",
            SetIfUnchanged: setIfUnchanged,
            SetIfAbsent: setIfAbsent,
            RemoveIfUnchanged: $"DELETE FROM {table} WHERE Id = @Id AND Value = @Expected;",
            CreateTable: create);
    }
}
