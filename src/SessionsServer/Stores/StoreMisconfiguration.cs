using Microsoft.Data.SqlClient;
using Npgsql;
using StackExchange.Redis;

namespace SessionsServer.Stores;

/// <summary>
/// The store's refusals that no retry and no wait will cure: the login is refused, it lacks a right, or the SQL is
/// not valid. They are the operator's to fix, so they are answered as server errors (500) and logged as errors, not
/// as a store that is briefly away (503, which clients and load balancers retry). Read by the drivers' error codes;
/// where an engine has no code of its own for a case, by its fixed wording.
/// </summary>
internal static class StoreMisconfiguration
{
    public enum Kind
    {
        Login,
        Permission,
        Syntax,
    }

    // Login failed (and its locked, expired, must-change variants); cannot open the database the login names; the
    // login has no user in it; a database named at login that does not exist (Babelfish answers 911 there).
    private static readonly int[] SqlServerLogin = [18456, 18452, 18486, 18487, 18488, 4060, 916, 911];

    // Object, column, CREATE and server-state permission denied; no permission on the schema or object.
    private static readonly int[] SqlServerPermission = [229, 230, 262, 297, 300, 1088, 2760, 15247];

    // Incorrect syntax near a token or a keyword, an unclosed quotation mark.
    private static readonly int[] SqlServerSyntax = [102, 105, 156, 170];

    // Babelfish reports most errors under this one number with PostgreSQL's message; only the wording tells them apart.
    private const int BabelfishGenericError = 33557097;

    /// <summary>The first configuration error in the exception's chain (drivers and data protection wrap them), or null.</summary>
    public static (Kind Kind, Exception Error)? Find(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (Classify(current) is { } kind)
            {
                return (kind, current);
            }
        }

        return null;
    }

    /// <summary>What the client is told: the kind in the project's own words, never the driver's.</summary>
    public static string Describe(Kind kind) => kind switch
    {
        Kind.Login => "it refused the server's login",
        Kind.Permission => "the server's login lacks a right it needs",
        _ => "it rejected the server's SQL as invalid",
    };

    private static Kind? Classify(Exception exception) => exception switch
    {
        SqlException sql => SqlServer(sql),
        PostgresException postgres => postgres.SqlState switch
        {
            "28P01" or "28000" or "3D000" => Kind.Login,
            "42501" => Kind.Permission,
            "42601" => Kind.Syntax,
            _ => null,
        },
        RedisConnectionException { FailureType: ConnectionFailureType.AuthenticationFailure } => Kind.Login,
        RedisServerException redis when redis.Message.StartsWith("NOPERM", StringComparison.Ordinal) => Kind.Permission,
        RedisServerException redis when redis.Message.StartsWith("WRONGPASS", StringComparison.Ordinal)
            || redis.Message.StartsWith("NOAUTH", StringComparison.Ordinal) => Kind.Login,
        _ => null,
    };

    private static Kind? SqlServer(SqlException error) => error.Number switch
    {
        var n when SqlServerLogin.Contains(n) => Kind.Login,
        var n when SqlServerPermission.Contains(n) => Kind.Permission,
        var n when SqlServerSyntax.Contains(n) => Kind.Syntax,
        BabelfishGenericError when error.Message.StartsWith("permission denied for ", StringComparison.Ordinal) => Kind.Permission,
        BabelfishGenericError when error.Message.StartsWith("syntax error near ", StringComparison.Ordinal) => Kind.Syntax,
        _ => null,
    };
}
