using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.Internal;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.Options;
using Sessions.Caching.KeyRing;
using SessionsServer.Configuration;
using SessionsServer.Locking;
using SessionsServer.Stores;
using StackExchange.Redis;

namespace SessionsServer.KeyRing;

/// <summary>
/// Keeps the data-protection key ring that protects the session cookie in the same place as the sessions, so
/// every instance on one store (and one application name) accepts the others' cookies, and restarts keep them.
/// Both profiles keep it in the same place; the hardened one also bounds the Redis key-ring calls by the I/O timeout
/// and checks the ring before each session request (<see cref="Sessions.StoreFailureMiddleware"/>), and makes the first
/// key of an empty ring under the store's lock, so instances that start together use one key (<see cref="ConvergingKeyManager"/>).
/// </summary>
public static class KeyRingRegistration
{
    public static IServiceCollection AddSessionKeyRing(this IServiceCollection services, IConfiguration configuration)
    {
        var protection = services.AddDataProtection();
        var certificate = KeyRingCertificate.FromConfiguration(configuration);
        if (certificate.Certificate is { } atRest)
        {
            protection.ProtectKeysWithCertificate(atRest);
        }

        services.AddSingleton(certificate);
        // A singleton of the container, so the connection is closed with the server.
        services.AddSingleton(sp => new RedisStoreConnection(KeyRingRedisOptions(sp.GetRequiredService<IOptions<SessionsServerOptions>>().Value)));
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<SessionsServerOptions>>().Value;
            return Bounded(CreateRepository(sp, options), options);
        });
        services.AddSingleton<IKeyManager>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<SessionsServerOptions>>().Value;
            // What AddDataProtection registers; the tutorial profile keeps it as it is.
            var keys = new XmlKeyManager(sp.GetRequiredService<IOptions<KeyManagementOptions>>(), sp.GetRequiredService<IActivator>(), sp.GetRequiredService<ILoggerFactory>());
            return options.IsHardened && SessionLockRegistration.StoreLock(sp, options) is { } storeLock
                ? new ConvergingKeyManager(keys, storeLock, options.ApplicationName, options.IOTimeout, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<ConvergingKeyManager>>())
                : keys;
        });
        services.AddOptions<DataProtectionOptions>().Configure<IOptions<SessionsServerOptions>>((protection, server) =>
            protection.ApplicationDiscriminator = server.Value.ApplicationName);
        services.AddOptions<KeyManagementOptions>().Configure<IXmlRepository>((keys, repository) => keys.XmlRepository = repository);
        return services;
    }

    /// <summary>The key table beside a relational server store's sessions, or null for stores that keep keys elsewhere.</summary>
    internal static RelationalKeyRingRepository? RelationalRepository(IServiceProvider services, SessionsServerOptions options) =>
        RelationalStores.IsRelational(options.NormalizedStore) && RelationalStores.Dialect(options) is var dialect && RelationalKeyRingRepository.IsSupportedBy(dialect)
            ? new RelationalKeyRingRepository(dialect, options.KeyTableName, options.ApplicationName, options.ShouldCreateTable, services.GetRequiredService<ILogger<RelationalKeyRingRepository>>())
            : null;

    private static IXmlRepository Bounded(IXmlRepository repository, SessionsServerOptions options) =>
        options.IsHardened ? new BoundedXmlRepository(repository, options.IOTimeout, options.NormalizedStore) : repository;

    private static IXmlRepository CreateRepository(IServiceProvider services, SessionsServerOptions options)
    {
        if (RelationalRepository(services, options) is { } relational)
        {
            return relational;
        }

        if (options.NormalizedStore == "redis")
        {
            // Connected on first use, so a Redis that is down at start delays the first session, not the server.
            return new RedisXmlRepository(services.GetRequiredService<RedisStoreConnection>().Database, $"DataProtection-Keys:{options.ApplicationName}");
        }

        return new FileSystemXmlRepository(new DirectoryInfo(KeyRingFolder(options)), services.GetRequiredService<ILoggerFactory>());
    }

    /// <summary>
    /// The key ring is read outside the guarded session store, by data protection, synchronously. With the client's
    /// defaults (5 s to connect, then 5 s per command) a server that started while Redis was down answered its first
    /// session request after 10 s, past a 2 s I/O timeout (found by the outage feature). In the hardened profile the
    /// connect and the read each get half the I/O timeout, or less if the connection string asks for less; the
    /// tutorial profile keeps the client's defaults.
    /// </summary>
    private static ConfigurationOptions KeyRingRedisOptions(SessionsServerOptions options)
    {
        var redis = ConfigurationOptions.Parse(options.ConnectionString!);
        if (!options.IsHardened)
        {
            return redis;
        }

        redis.AbortOnConnectFail = true;
        var half = (int)Math.Max(1, options.IOTimeout.TotalMilliseconds / 2);
        redis.ConnectTimeout = Math.Min(redis.ConnectTimeout, half);
        redis.SyncTimeout = Math.Min(redis.SyncTimeout, half);
        redis.AsyncTimeout = Math.Min(redis.AsyncTimeout, half);
        return redis;
    }

    /// <summary>Beside the sqlite file, so every server on that file shares keys; else under local app-data.</summary>
    private static string KeyRingFolder(SessionsServerOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.KeyRingPath))
        {
            return options.KeyRingPath;
        }

        var database = options.NormalizedStore == "sqlite" ? RelationalStores.SqliteFile(options) : null;
        var root = database is null ? Path.GetDirectoryName(SessionsServerOptions.DefaultSqliteFile)! : Path.GetDirectoryName(Path.GetFullPath(database))!;
        return Path.Combine(root, "keys", SafeFolderName(options.ApplicationName));
    }

    private static string SafeFolderName(string name) =>
        string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
}
