using Microsoft.Extensions.Caching.Distributed;
using SessionsServer.Configuration;

namespace SessionsServer.Stores;

/// <summary>Builds the project's own relational caches (sqlite, sqlserver, postgres) from the server's options.</summary>
internal static class RelationalStores
{
    public static IDistributedCache Create(IServiceProvider services, SessionsServerOptions options) =>
        throw new NotSupportedException($"Sessions:Store '{options.NormalizedStore}' is not available in this build yet; use memory or redis.");
}
