using System.Data.Common;
using Microsoft.Data.SqlClient;
using Npgsql;

namespace SessionsServer.KeyRing;

/// <summary>The key table's SQL for one engine, with names quoted once here.</summary>
internal sealed record KeyRingSql(string StoreName, string QualifiedTableName, string CreateTable, string SelectAll, string Insert, Func<DbConnection> CreateConnection)
{
    public static KeyRingSql SqlServer(string connectionString, string schema, string table)
    {
        var name = $"{Bracket(schema)}.{Bracket(table)}";
        var literal = "N'" + name.Replace("'", "''", StringComparison.Ordinal) + "'";
        return new(
            "sqlserver",
            name,
            $"IF OBJECT_ID({literal}, N'U') IS NULL CREATE TABLE {name} (ApplicationName nvarchar(200) NOT NULL, FriendlyName nvarchar(200) NOT NULL, Xml nvarchar(max) NOT NULL, CreatedAt datetimeoffset(7) NOT NULL, PRIMARY KEY (ApplicationName, FriendlyName));",
            $"SELECT Xml FROM {name} WHERE ApplicationName = @App;",
            $"INSERT INTO {name} (ApplicationName, FriendlyName, Xml, CreatedAt) VALUES (@App, @Name, @Xml, @Now);",
            () => new SqlConnection(connectionString));
    }

    public static KeyRingSql Postgres(string connectionString, string schema, string table)
    {
        var name = $"{Quote(schema)}.{Quote(table)}";
        return new(
            "postgres",
            name,
            $"CREATE SCHEMA IF NOT EXISTS {Quote(schema)}; CREATE TABLE IF NOT EXISTS {name} (\"ApplicationName\" text NOT NULL, \"FriendlyName\" text NOT NULL, \"Xml\" text NOT NULL, \"CreatedAt\" timestamptz NOT NULL, PRIMARY KEY (\"ApplicationName\", \"FriendlyName\"));",
            $"SELECT \"Xml\" FROM {name} WHERE \"ApplicationName\" = @App;",
            $"INSERT INTO {name} (\"ApplicationName\", \"FriendlyName\", \"Xml\", \"CreatedAt\") VALUES (@App, @Name, @Xml, @Now);",
            () => new NpgsqlConnection(connectionString));
    }

    private static string Bracket(string name) => "[" + name.Replace("]", "]]", StringComparison.Ordinal) + "]";

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
