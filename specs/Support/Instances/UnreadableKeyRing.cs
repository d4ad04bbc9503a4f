using Microsoft.Data.SqlClient;
using Npgsql;
using Sessions.Testing.Stores;
using StackExchange.Redis;

namespace Sessions.Specs.Support.Instances;

/// <summary>
/// Settings for an instance whose data-protection key ring is there but cannot be read, on each store the way that
/// store keeps it: a folder path that is a file (memory, sqlite), an object named like the key table that is not one
/// (a table without its columns on sqlserver, whose server login may create tables but not views; a view on
/// postgres), a Redis key of the wrong type (redis). Each uses its own application name, so no other
/// scenario's ring is touched.
/// </summary>
public static class UnreadableKeyRing
{
    public static async Task<IReadOnlyDictionary<string, string?>> ApplyAsync(
        string store, IReadOnlyDictionary<string, string?> shared, string folder, CancellationToken cancellationToken)
    {
        var application = $"unreadable-ring-{Guid.NewGuid():N}"[..28];
        var settings = new Dictionary<string, string?>(shared) { ["Sessions:ApplicationName"] = application };
        var connection = shared.GetValueOrDefault("ConnectionStrings:Sessions");
        switch (store)
        {
            case "memory" or "sqlite":
                var file = Path.Combine(folder, "keys-is-a-file");
                await File.WriteAllTextAsync(file, "not a folder", cancellationToken);
                settings["Sessions:KeyRingPath"] = file;
                break;
            case "sqlserver":
                await SqlStatements.RunAsync(new SqlConnection(connection), cancellationToken, "CREATE TABLE [dbo].[UnreadableKeys] ([NotAKey] int)");
                settings["Sessions:KeyTableName"] = "UnreadableKeys";
                break;
            case "postgres":
                await SqlStatements.RunAsync(new NpgsqlConnection(connection), cancellationToken, "CREATE VIEW \"public\".\"UnreadableKeys\" AS SELECT 1 AS \"NotAKey\"");
                settings["Sessions:KeyTableName"] = "UnreadableKeys";
                break;
            case "redis":
                await using (var redis = await ConnectionMultiplexer.ConnectAsync(connection!))
                {
                    // The ring is a list; a string under its key makes every read a WRONGTYPE error.
                    await redis.GetDatabase().StringSetAsync($"DataProtection-Keys:{application}", "not a list", TimeSpan.FromMinutes(10));
                }

                break;
            default:
                throw new InvalidOperationException($"No unreadable key ring for store {store}.");
        }

        return settings;
    }
}
