using Microsoft.Extensions.Options;
using SessionsServer.Configuration;
using SessionsServer.KeyRing;
using SessionsServer.Stores;

namespace SessionsServer.Hosting;

/// <summary>
/// <c>dotnet run --project src/SessionsServer -- schema create [settings]</c>: creates the session table and its
/// index in the configured relational store (idempotent), prints the DDL it ran, and exits.
/// </summary>
internal static class SchemaCommand
{
    public static bool Matches(string[] args) => args.Length > 0 && args[0] == "schema";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 2 || args[1] != "create")
        {
            Console.Error.WriteLine("usage: schema create [--Sessions:Store=sqlserver|postgres|sqlite] [--ConnectionStrings:Sessions=...] [--Sessions:SchemaName=...] [--Sessions:TableName=...]");
            return 2;
        }

        var builder = WebApplication.CreateBuilder(args[2..]);
        builder.Logging.ClearProviders();
        builder.Services.AddSessionsServerOptions();
        await using var services = builder.Services.BuildServiceProvider();

        SessionsServerOptions options;
        try
        {
            options = services.GetRequiredService<IOptions<SessionsServerOptions>>().Value;
        }
        catch (OptionsValidationException invalid)
        {
            invalid.Failures.ToList().ForEach(line => Console.Error.WriteLine($"schema create: {line}"));
            return 2;
        }

        if (!RelationalStores.IsRelational(options.NormalizedStore))
        {
            Console.Error.WriteLine($"schema create: Sessions:Store '{options.NormalizedStore}' keeps no table; use sqlserver, postgres or sqlite.");
            return 2;
        }

        // The project's DDL in every profile: for sqlserver it is the table `dotnet sql-cache create` makes, which the
        // official cache of the tutorial profile uses as it is.
        using var cache = RelationalStores.Create(services, options);

        try
        {
            var statements = (await cache.CreateTableAsync()).ToList();
            if (KeyRingRegistration.RelationalRepository(services, options) is { } keyRing)
            {
                statements.Add(keyRing.CreateTable());
            }

            Console.WriteLine($"-- {cache.StoreName}: {cache.QualifiedTableName} is ready ({statements.Count} statements, each safe to run again)");
            foreach (var statement in statements)
            {
                Console.WriteLine(statement.TrimEnd().TrimEnd(';') + ";");
            }

            return 0;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Console.Error.WriteLine($"schema create: could not create {cache.QualifiedTableName} in the {cache.StoreName} store: {ex.Message}");
            return 1;
        }
    }
}
