using Microsoft.Data.SqlClient;
using Npgsql;
using StackExchange.Redis;

namespace Sessions.Testing.Faults;

/// <summary>
/// Puts a <see cref="TcpFaultProxy"/> between a server and its store by rewriting the store's connection string to
/// 127.0.0.1:&lt;proxy port&gt;; everything else in the string (credentials, TLS, database) stays as it was.
/// </summary>
public sealed class ProxiedStore : IAsyncDisposable
{
    private ProxiedStore(TcpFaultProxy proxy, string connectionString)
    {
        Proxy = proxy;
        ConnectionString = connectionString;
    }

    public TcpFaultProxy Proxy { get; }

    /// <summary>The connection string to give the server: the store's, aimed at the proxy.</summary>
    public string ConnectionString { get; }

    /// <summary>Null when the store can be cut; else why not (in-process stores have no wire to cut).</summary>
    public static string? CannotCutReason(string store) => store switch
    {
        "memory" => "the memory store lives inside the server process; there is no connection to cut or slow down",
        "sqlite" => "SQLite is a file opened in the server process; there is no connection to cut or slow down",
        _ => null,
    };

    public static ProxiedStore Start(string store, string connectionString)
    {
        var (host, port) = Endpoint(store, connectionString);
        var proxy = new TcpFaultProxy(host, port);
        return new ProxiedStore(proxy, Rewrite(store, connectionString, proxy.Port));
    }

    private static (string Host, int Port) Endpoint(string store, string connectionString)
    {
        switch (store)
        {
            case "postgres":
                var postgres = new NpgsqlConnectionStringBuilder(connectionString);
                return (postgres.Host ?? "127.0.0.1", postgres.Port);
            case "sqlserver":
                return SqlServerEndpoint(new SqlConnectionStringBuilder(connectionString).DataSource);
            case "redis":
                var redis = ConfigurationOptions.Parse(connectionString).EndPoints.Single();
                return redis switch
                {
                    System.Net.DnsEndPoint dns => (dns.Host, dns.Port == 0 ? 6379 : dns.Port),
                    System.Net.IPEndPoint ip => (ip.Address.ToString(), ip.Port == 0 ? 6379 : ip.Port),
                    _ => throw new InvalidOperationException($"Redis end point {redis} cannot be proxied."),
                };
            default:
                throw new InvalidOperationException(CannotCutReason(store) ?? $"'{store}' is not a store.");
        }
    }

    // "tcp:host,port", "host,port" or "host"; a named instance (host\name) is found through the browser service on
    // UDP, which the TCP proxy cannot stand in for.
    private static (string Host, int Port) SqlServerEndpoint(string dataSource)
    {
        var source = dataSource.StartsWith("tcp:", StringComparison.OrdinalIgnoreCase) ? dataSource[4..] : dataSource;
        if (source.Contains('\\', StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"SQL Server data source '{dataSource}' names an instance; give host,port to run outage scenarios.");
        }

        var parts = source.Split(',', StringSplitOptions.TrimEntries);
        var host = parts[0] is "." or "(local)" ? "127.0.0.1" : parts[0];
        return (host, parts.Length > 1 ? int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) : 1433);
    }

    private static string Rewrite(string store, string connectionString, int port) => store switch
    {
        "postgres" => new NpgsqlConnectionStringBuilder(connectionString) { Host = "127.0.0.1", Port = port }.ConnectionString,
        "sqlserver" => new SqlConnectionStringBuilder(connectionString) { DataSource = $"127.0.0.1,{port}" }.ConnectionString,
        "redis" => RewriteRedis(connectionString, port),
        _ => throw new InvalidOperationException($"'{store}' cannot be proxied."),
    };

    private static string RewriteRedis(string connectionString, int port)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.EndPoints.Clear();
        options.EndPoints.Add("127.0.0.1", port);
        return options.ToString(includePassword: true);
    }

    public ValueTask DisposeAsync() => Proxy.DisposeAsync();
}
