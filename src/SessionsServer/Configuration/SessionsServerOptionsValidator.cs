using Microsoft.Extensions.Options;

namespace SessionsServer.Configuration;

/// <summary>Each failure is one line naming the setting and what it accepts, so start-up can print it as is.</summary>
internal sealed class SessionsServerOptionsValidator : IValidateOptions<SessionsServerOptions>
{
    public ValidateOptionsResult Validate(string? name, SessionsServerOptions options)
    {
        var failures = new List<string>();
        if (!SessionsServerOptions.KnownStores.Contains(options.NormalizedStore))
        {
            failures.Add($"Sessions:Store '{options.Store}' is not a known store; use one of: {string.Join(", ", SessionsServerOptions.KnownStores)}.");
        }
        else if (options.IsServerStore && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add($"ConnectionStrings:Sessions is required when Sessions:Store is '{options.NormalizedStore}' (example: {ExampleConnectionString(options.NormalizedStore)}).");
        }

        if (options.IdleTimeoutSeconds <= 0)
        {
            failures.Add($"Sessions:IdleTimeoutSeconds must be a positive number of seconds (was {options.IdleTimeoutSeconds}).");
        }

        if (options.IOTimeoutSeconds <= 0)
        {
            failures.Add($"Sessions:IOTimeoutSeconds must be a positive number of seconds (was {options.IOTimeoutSeconds}).");
        }

        if (options.Port is < 0 or > 65535)
        {
            failures.Add("port (--port or PORT) must be a whole number from 0 to 65535 (0 picks a free port).");
        }

        if (!ServerProfiles.Known.Contains(options.NormalizedProfile))
        {
            failures.Add($"Sessions:Profile '{options.Profile}' is not a known profile; use one of: {string.Join(", ", ServerProfiles.Known)}.");
        }

        if (options.SerializeRequests && !options.IsHardened && ServerProfiles.Known.Contains(options.NormalizedProfile))
        {
            failures.Add("Sessions:SerializeRequests needs Sessions:Profile=hardened: the tutorial profile runs ASP.NET Core's own session, which takes no lock.");
        }

        foreach (var (setting, value) in new[] { ("MaxValueBytes", options.MaxValueBytes), ("MaxKeyBytes", options.MaxKeyBytes), ("MaxSessionBytes", options.MaxSessionBytes) })
        {
            if (value <= 0)
            {
                failures.Add($"Sessions:{setting} must be a positive number of bytes (was {value}).");
            }
        }

        if (string.IsNullOrWhiteSpace(options.ApplicationName))
        {
            failures.Add("Sessions:ApplicationName must not be empty (default: Sessions Demo Server).");
        }

        if (string.IsNullOrWhiteSpace(options.TableName))
        {
            failures.Add("Sessions:TableName must not be empty (default: Sessions).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string ExampleConnectionString(string store) => store switch
    {
        "sqlserver" => "\"Server=127.0.0.1,1433;Database=Sessions;User Id=app;Password=...;Encrypt=true\"",
        "postgres" => "\"Host=127.0.0.1;Database=sessions;Username=app;Password=...\"",
        _ => "\"127.0.0.1:6379\"",
    };
}
