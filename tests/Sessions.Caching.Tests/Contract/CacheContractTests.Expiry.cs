using Microsoft.Extensions.Caching.Distributed;
using Sessions.Caching.Core;

namespace Sessions.Caching.Tests.Contract;

public abstract partial class CacheContractTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Sliding_entry_expires_after_idle_window()
    {
        var cache = await NewCacheAsync();
        var key = NewKey();
        await cache.SetAsync(key, Bytes("v"), Sliding(TimeSpan.FromMinutes(10)), Ct);

        Clock.Advance(TimeSpan.FromMinutes(10) - Second);
        (await cache.GetAsync(key, Ct)).Should().NotBeNull("it is read inside its window");

        Clock.Advance(TimeSpan.FromMinutes(10) + Second);
        (await cache.GetAsync(key, Ct)).Should().BeNull("it was idle for longer than its window");
    }

    [Fact]
    public async Task Reading_inside_the_window_slides_the_expiry()
    {
        var cache = await NewCacheAsync();
        var key = NewKey();
        await cache.SetAsync(key, Bytes("v"), Sliding(TimeSpan.FromMinutes(10)), Ct);

        // Three reads eight minutes apart: 24 minutes in total, far past the first window.
        for (var i = 0; i < 3; i++)
        {
            Clock.Advance(TimeSpan.FromMinutes(8));
            (await cache.GetAsync(key, Ct)).Should().NotBeNull($"read {i + 1} is inside the slid window");
        }
    }

    [Fact]
    public async Task Peek_reads_without_sliding_and_hides_an_expired_entry()
    {
        var cache = await NewCacheAsync();
        if (cache is not IPeekableDistributedCache peekable)
        {
            Assert.Skip($"{cache.GetType().Name} has no read without the slide; the session uses its ordinary read there");
            return;
        }

        var key = NewKey();
        await cache.SetAsync(key, Bytes("v"), Sliding(TimeSpan.FromMinutes(10)), Ct);

        Clock.Advance(TimeSpan.FromMinutes(8));
        (await peekable.PeekAsync(key, Ct)).Should().Equal(Bytes("v"));
        Clock.Advance(TimeSpan.FromMinutes(3));
        (await peekable.PeekAsync(key, Ct)).Should().BeNull("the peek at minute 8 left the expiry at minute 10");
        (await cache.GetAsync(key, Ct)).Should().BeNull();
        (await peekable.PeekAsync(NewKey(), Ct)).Should().BeNull();
    }

    [Fact]
    public async Task Refresh_slides_the_expiry_without_reading()
    {
        var cache = await NewCacheAsync();
        var key = NewKey();
        await cache.SetAsync(key, Bytes("v"), Sliding(TimeSpan.FromMinutes(10)), Ct);

        Clock.Advance(TimeSpan.FromMinutes(8));
        await cache.RefreshAsync(key, Ct);
        Clock.Advance(TimeSpan.FromMinutes(8));
        (await cache.GetAsync(key, Ct)).Should().NotBeNull("the refresh at minute 8 moved the expiry to minute 18");

        Clock.Advance(TimeSpan.FromMinutes(11));
        (await cache.GetAsync(key, Ct)).Should().BeNull();
    }

    [Fact]
    public async Task Absolute_expiration_alone_does_not_slide()
    {
        var cache = await NewCacheAsync();
        var key = NewKey();
        await cache.SetAsync(key, Bytes("v"), new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(5) }, Ct);

        Clock.Advance(TimeSpan.FromMinutes(4));
        (await cache.GetAsync(key, Ct)).Should().NotBeNull();
        await cache.RefreshAsync(key, Ct);

        Clock.Advance(TimeSpan.FromMinutes(1) + Second);
        (await cache.GetAsync(key, Ct)).Should().BeNull("reads and refreshes do not move an absolute expiry");
    }

    [Fact]
    public async Task Absolute_expiration_as_a_point_in_time_in_any_offset()
    {
        var cache = await NewCacheAsync();
        var key = NewKey();
        var deadline = (Start + TimeSpan.FromMinutes(30)).ToOffset(TimeSpan.FromHours(-5));
        await cache.SetAsync(key, Bytes("v"), new DistributedCacheEntryOptions { AbsoluteExpiration = deadline }, Ct);

        Clock.Advance(TimeSpan.FromMinutes(30) - Second);
        (await cache.GetAsync(key, Ct)).Should().NotBeNull();
        Clock.Advance(TimeSpan.FromSeconds(2));
        (await cache.GetAsync(key, Ct)).Should().BeNull();
    }

    [Fact]
    public async Task Absolute_expiration_caps_sliding()
    {
        var cache = await NewCacheAsync();
        var key = NewKey();
        var options = new DistributedCacheEntryOptions
        {
            SlidingExpiration = TimeSpan.FromMinutes(10),
            AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(25),
        };
        await cache.SetAsync(key, Bytes("v"), options, Ct);

        // Reads at 8, 16 and 24 minutes keep it alive; without the cap it would live to minute 34.
        for (var i = 0; i < 3; i++)
        {
            Clock.Advance(TimeSpan.FromMinutes(8));
            (await cache.GetAsync(key, Ct)).Should().NotBeNull();
        }

        Clock.Advance(TimeSpan.FromMinutes(1) + Second);
        (await cache.GetAsync(key, Ct)).Should().BeNull("the absolute expiry at minute 25 wins over the slid one");
    }

    [Fact]
    public async Task Absolute_expiration_earlier_than_the_first_window_wins_at_once()
    {
        var cache = await NewCacheAsync();
        var key = NewKey();
        var options = new DistributedCacheEntryOptions
        {
            SlidingExpiration = TimeSpan.FromMinutes(10),
            AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(3),
        };
        await cache.SetAsync(key, Bytes("v"), options, Ct);

        Clock.Advance(TimeSpan.FromMinutes(3) + Second);
        (await cache.GetAsync(key, Ct)).Should().BeNull();
    }

    [Fact]
    public async Task Entry_without_expiration_uses_the_default_sliding_window()
    {
        Require(StoreCapability.DefaultSlidingExpiration);
        var cache = await NewCacheAsync();
        var key = NewKey();
        await cache.SetAsync(key, Bytes("v"), new DistributedCacheEntryOptions(), Ct);

        Clock.Advance(TimeSpan.FromMinutes(19));
        (await cache.GetAsync(key, Ct)).Should().NotBeNull("the default window is 20 minutes");
        Clock.Advance(TimeSpan.FromMinutes(20) + Second);
        (await cache.GetAsync(key, Ct)).Should().BeNull();
    }

    [Fact]
    public async Task Configured_default_sliding_window_is_used()
    {
        Require(StoreCapability.DefaultSlidingExpiration);
        var cache = await NewCacheAsync(o => o.DefaultSlidingExpiration = TimeSpan.FromSeconds(20));
        var key = NewKey();
        await cache.SetAsync(key, Bytes("v"), new DistributedCacheEntryOptions(), Ct);

        Clock.Advance(TimeSpan.FromSeconds(19));
        (await cache.GetAsync(key, Ct)).Should().NotBeNull();
        Clock.Advance(TimeSpan.FromSeconds(21));
        (await cache.GetAsync(key, Ct)).Should().BeNull();
    }
}
