using Microsoft.Extensions.Options;

namespace Sessions.Caching.Configuration;

/// <summary>Rejects settings that would only fail later, at the first request, with a less helpful error.</summary>
public sealed class RelationalCacheOptionsValidator : IValidateOptions<RelationalCacheOptions>
{
    // SQL Server's sysname is nvarchar(128) and the strictest of the three engines.
    private const int MaxIdentifierLength = 128;

    public ValidateOptionsResult Validate(string? name, RelationalCacheOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        const string prefix = nameof(RelationalCacheOptions) + ".";

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add($"{prefix}{nameof(options.ConnectionString)} is required: set the connection string of the session store.");
        }

        CheckIdentifier(failures, prefix + nameof(options.TableName), options.TableName, required: true);
        CheckIdentifier(failures, prefix + nameof(options.SchemaName), options.SchemaName, required: false);

        if (options.DefaultSlidingExpiration <= TimeSpan.Zero)
        {
            failures.Add($"{prefix}{nameof(options.DefaultSlidingExpiration)} must be positive; it was {options.DefaultSlidingExpiration}.");
        }

        if (options.ExpiredItemsDeletionInterval < RelationalCacheOptions.MinimumExpiredItemsDeletionInterval)
        {
            failures.Add(
                $"{prefix}{nameof(options.ExpiredItemsDeletionInterval)} must be at least " +
                $"{RelationalCacheOptions.MinimumExpiredItemsDeletionInterval}; it was {options.ExpiredItemsDeletionInterval}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Throws the same failures eagerly, for callers that build a cache without DI.</summary>
    internal static void ThrowIfInvalid(RelationalCacheOptions options)
    {
        var result = new RelationalCacheOptionsValidator().Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(RelationalCacheOptions), result.Failures);
        }
    }

    private static void CheckIdentifier(List<string> failures, string setting, string? value, bool required)
    {
        if (value is null && !required)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            failures.Add($"{setting} must not be empty.");
            return;
        }

        if (value.Length > MaxIdentifierLength)
        {
            failures.Add($"{setting} must be at most {MaxIdentifierLength} characters; it has {value.Length}.");
        }

        // Quoting handles every other character; NUL cannot be represented in any of the engines' names.
        if (value.Contains('\0'))
        {
            failures.Add($"{setting} must not contain a NUL character.");
        }
    }
}
