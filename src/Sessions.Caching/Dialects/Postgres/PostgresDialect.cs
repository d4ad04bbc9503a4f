using System.Data.Common;
using Npgsql;
using NpgsqlTypes;
using Sessions.Caching.Configuration;

namespace Sessions.Caching.Dialects.Postgres;

/// <summary>PostgreSQL sibling of the SQL Server table: same columns and semantics, native types.</summary>
public sealed class PostgresDialect : SqlDialect
{
    public const string DefaultSchemaName = "public";

    private readonly string _connectionString;

    public PostgresDialect(RelationalCacheOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _connectionString = options.ConnectionString ?? throw new ArgumentException("A connection string is required.", nameof(options));
        SchemaName = options.SchemaName ?? DefaultSchemaName;
        TableName = options.TableName;
        QualifiedTableName = $"{QuoteName(SchemaName)}.{QuoteName(TableName)}";
        Statements = BuildStatements(QualifiedTableName, SchemaName, TableName);
    }

    public override string StoreName => "postgres";

    public override string QualifiedTableName { get; }

    public string SchemaName { get; }

    public string TableName { get; }

    internal override DialectStatements Statements { get; }

    /// <summary>
    /// Empty for "public": CREATE SCHEMA checks the database's CREATE privilege even when the schema exists, which a
    /// login that owns only its tables does not have. Used by both the session table's and the key table's DDL.
    /// </summary>
    private static string CreateSchemaUnlessPublic(string schema) =>
        string.Equals(schema, DefaultSchemaName, StringComparison.Ordinal) ? "" : $"CREATE SCHEMA IF NOT EXISTS {QuoteName(schema)}; ";

    internal static string QuoteName(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    internal override DbConnection CreateConnection() => new NpgsqlConnection(_connectionString);

    internal override KeyRing.KeyRingStatements KeyRingStatements(string keyTableName)
    {
        var table = $"{QuoteName(SchemaName)}.{QuoteName(keyTableName)}";
        return new(
            table,
            CreateSchemaUnlessPublic(SchemaName) + $"CREATE TABLE IF NOT EXISTS {table} (\"ApplicationName\" text NOT NULL, \"FriendlyName\" text NOT NULL, \"Xml\" text NOT NULL, \"CreatedAt\" timestamptz NOT NULL, PRIMARY KEY (\"ApplicationName\", \"FriendlyName\"));",
            $"SELECT \"Xml\" FROM {table} WHERE \"ApplicationName\" = @App;",
            $"INSERT INTO {table} (\"ApplicationName\", \"FriendlyName\", \"Xml\", \"CreatedAt\") VALUES (@App, @Name, @Xml, @Now);");
    }

    // 42P01 undefined_table; 3F000 invalid_schema_name (a schema that was never created).
    internal override bool IsMissingTable(DbException error) =>
        error is PostgresException { SqlState: PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName };

    // IF NOT EXISTS checks the catalog before it writes there, so of two creators the second fails on the catalog's
    // own unique index (23505, pg_type) or, once the first has committed, as a duplicate; "tuple concurrently
    // updated" (XX000) is the same race on a catalog row.
    internal override bool IsConcurrentCreation(DbException error) =>
        error is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateTable or PostgresErrorCodes.DuplicateObject or PostgresErrorCodes.DuplicateSchema } ||
        error is PostgresException { SqlState: PostgresErrorCodes.InternalError } internalError && internalError.MessageText.Contains("concurrently", StringComparison.Ordinal);

    // ON CONFLICT makes the upsert atomic; only a deadlock between multi-row sweeps and writes remains.
    internal override bool IsWriteConflict(DbException error) =>
        error is PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.UniqueViolation };

    internal override DbParameter IdParameter(string key) =>
        new NpgsqlParameter("Id", NpgsqlDbType.Text) { Value = key, Size = key.Length };

    internal override DbParameter ValueParameter(byte[] value) =>
        new NpgsqlParameter("Value", NpgsqlDbType.Bytea) { Value = value, Size = value.Length };

    internal override DbParameter ExpectedParameter(byte[] expected) =>
        new NpgsqlParameter("Expected", NpgsqlDbType.Bytea) { Value = expected, Size = expected.Length };

    internal override DbParameter TimeParameter(string name, DateTimeOffset? value) =>
        new NpgsqlParameter(name, NpgsqlDbType.TimestampTz) { Value = value is { } v ? v.ToUniversalTime() : DBNull.Value };

    internal override DbParameter SecondsParameter(string name, long? value) =>
        new NpgsqlParameter(name, NpgsqlDbType.Bigint) { Value = value is { } v ? v : DBNull.Value };

    private static DialectStatements BuildStatements(string table, string schema, string tableName)
    {
        // LEAST ignores NULL, so a row without an absolute cap simply slides.
        const string slidExpiry =
            "\"ExpiresAtTime\" = LEAST(@UtcNow + \"SlidingExpirationInSeconds\" * INTERVAL '1 second', \"AbsoluteExpiration\")";
        const string liveSliding =
            "\"Id\" = @Id AND @UtcNow <= \"ExpiresAtTime\" AND \"SlidingExpirationInSeconds\" IS NOT NULL";
        var refresh = $"UPDATE {table} SET {slidExpiry} WHERE {liveSliding}";

        // One statement, one round trip: the CTE slides and returns a sliding row; the second branch
        // returns a non-sliding row, which the CTE never touches, so the branches cannot overlap.
        var get =
            $"WITH slid AS ({refresh} RETURNING \"Value\") " +
            "SELECT \"Value\" FROM slid " +
            "UNION ALL " +
            $"SELECT \"Value\" FROM {table} WHERE \"Id\" = @Id AND @UtcNow <= \"ExpiresAtTime\" AND \"SlidingExpirationInSeconds\" IS NULL";

        var set =
            $"INSERT INTO {table} (\"Id\", \"Value\", \"ExpiresAtTime\", \"SlidingExpirationInSeconds\", \"AbsoluteExpiration\") " +
            "VALUES (@Id, @Value, @ExpiresAtTime, @SlidingExpirationInSeconds, @AbsoluteExpiration) " +
            "ON CONFLICT (\"Id\") DO UPDATE SET \"Value\" = EXCLUDED.\"Value\", \"ExpiresAtTime\" = EXCLUDED.\"ExpiresAtTime\", " +
            "\"SlidingExpirationInSeconds\" = EXCLUDED.\"SlidingExpirationInSeconds\", \"AbsoluteExpiration\" = EXCLUDED.\"AbsoluteExpiration\"";

        // The conditional writes, each one statement: the compare happens on the row the statement writes, under its
        // row lock, so nothing lands between them. An expired row counts as absent, as every read treats it.
        const string assign =
            "\"Value\" = @Value, \"ExpiresAtTime\" = @ExpiresAtTime, " +
            "\"SlidingExpirationInSeconds\" = @SlidingExpirationInSeconds, \"AbsoluteExpiration\" = @AbsoluteExpiration";
        var setIfUnchanged = $"UPDATE {table} SET {assign} WHERE \"Id\" = @Id AND \"Value\" = @Expected AND @UtcNow <= \"ExpiresAtTime\"";
        var setIfAbsent =
            $"INSERT INTO {table} AS existing (\"Id\", \"Value\", \"ExpiresAtTime\", \"SlidingExpirationInSeconds\", \"AbsoluteExpiration\") " +
            "VALUES (@Id, @Value, @ExpiresAtTime, @SlidingExpirationInSeconds, @AbsoluteExpiration) " +
            $"ON CONFLICT (\"Id\") DO UPDATE SET {assign} WHERE @UtcNow > existing.\"ExpiresAtTime\"";

        var create = new List<string>();
        if (CreateSchemaUnlessPublic(schema) is { Length: > 0 } createSchema)
        {
            create.Add(createSchema.TrimEnd(' ', ';'));
        }

        // "C" collation compares bytes, so keys are case sensitive like the SQL Server table's _CS_ collation.
        create.Add(
            $"CREATE TABLE IF NOT EXISTS {table} (" +
            "\"Id\" text COLLATE \"C\" NOT NULL PRIMARY KEY, " +
            "\"Value\" bytea NOT NULL, " +
            "\"ExpiresAtTime\" timestamptz NOT NULL, " +
            "\"SlidingExpirationInSeconds\" bigint NULL, " +
            "\"AbsoluteExpiration\" timestamptz NULL)");

        // Index names are per schema in PostgreSQL, so the table name is part of it.
        create.Add($"CREATE INDEX IF NOT EXISTS {QuoteName(tableName + "_ExpiresAtTime")} ON {table} (\"ExpiresAtTime\")");

        return new DialectStatements(
            GetAndSlide: get,
            Peek: $"SELECT \"Value\" FROM {table} WHERE \"Id\" = @Id AND @UtcNow <= \"ExpiresAtTime\"",
            Refresh: refresh,
            Set: set,
            Remove: $"DELETE FROM {table} WHERE \"Id\" = @Id",
            // SKIP LOCKED: a row a request is writing right now is left for the next sweep instead of waited for.
            DeleteExpired: $"DELETE FROM {table} WHERE \"Id\" IN (SELECT \"Id\" FROM {table} WHERE @UtcNow > \"ExpiresAtTime\" LIMIT {DefaultSweepBatchRows} FOR UPDATE SKIP LOCKED)",
            SetIfUnchanged: setIfUnchanged,
            SetIfAbsent: setIfAbsent,
            RemoveIfUnchanged: $"DELETE FROM {table} WHERE \"Id\" = @Id AND \"Value\" = @Expected",
            CreateTable: create);
    }
}
