using Microsoft.Extensions.Caching.Distributed;

namespace Sessions.Caching.Core;

/// <summary>
/// The three expiry columns of one row, computed exactly as the official SQL Server cache stores them,
/// so rows are readable in both directions.
/// </summary>
internal readonly record struct EntryExpiration(
    DateTimeOffset ExpiresAtTime,
    long? SlidingExpirationInSeconds,
    DateTimeOffset? AbsoluteExpiration)
{
    public static EntryExpiration From(DistributedCacheEntryOptions options, DateTimeOffset utcNow, TimeSpan defaultSliding)
    {
        ArgumentNullException.ThrowIfNull(options);

        DateTimeOffset? absolute = null;
        if (options.AbsoluteExpirationRelativeToNow is { } relative)
        {
            // DistributedCacheEntryOptions rejects this already; a subclass or future change must not slip through.
            if (relative <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(options.AbsoluteExpirationRelativeToNow), relative, "The relative expiration value must be positive.");
            }

            absolute = utcNow + relative;
        }
        else if (options.AbsoluteExpiration is { } fixedPoint)
        {
            if (fixedPoint <= utcNow)
            {
                throw new InvalidOperationException("The absolute expiration value must be in the future.");
            }

            absolute = fixedPoint.ToUniversalTime();
        }

        var sliding = options.SlidingExpiration;
        if (sliding is { } given && given <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(
                nameof(options.SlidingExpiration), given, "The sliding expiration value must be positive.");
        }

        // SQL Server's DATEADD takes an int number of seconds; a longer window could be stored but never slid.
        if (sliding is { } huge && huge.TotalSeconds > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(
                nameof(options.SlidingExpiration), huge, $"The sliding expiration value must be at most {int.MaxValue} seconds.");
        }

        if (sliding is null && absolute is null)
        {
            sliding = defaultSliding;
        }

        // The column holds whole seconds (the official package truncates the same way); a sub-second
        // window would truncate to zero and expire on write, so it is rounded up to one second.
        long? seconds = sliding is { } window ? Math.Max(1L, (long)window.TotalSeconds) : null;

        var expiresAt = seconds is { } s ? utcNow.AddSeconds(s) : absolute!.Value;
        if (absolute is { } cap && cap < expiresAt)
        {
            expiresAt = cap;
        }

        return new EntryExpiration(expiresAt.ToUniversalTime(), seconds, absolute);
    }
}
