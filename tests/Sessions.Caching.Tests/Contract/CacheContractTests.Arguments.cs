using Microsoft.Extensions.Caching.Distributed;

namespace Sessions.Caching.Tests.Contract;

public abstract partial class CacheContractTests
{
    [Fact]
    public async Task Null_or_empty_key_is_rejected_by_every_method()
    {
        var cache = await NewCacheAsync();
        var value = Bytes("v");
        var options = Sliding(TimeSpan.FromMinutes(1));

        var cases = new List<(string? Key, Type Exception)> { (null, typeof(ArgumentNullException)) };
        if (Unsupported(StoreCapability.KeyRules) is null)
        {
            cases.Add(("", typeof(ArgumentException)));
        }

        foreach (var (key, exception) in cases)
        {
            var calls = new Func<Task>[]
            {
                () => cache.GetAsync(key!, Ct),
                () => cache.SetAsync(key!, value, options, Ct),
                () => cache.RefreshAsync(key!, Ct),
                () => cache.RemoveAsync(key!, Ct),
                () => Task.FromResult(cache.Get(key!)),
                () => Task.Run(() => cache.Set(key!, value, options), Ct),
            };
            foreach (var call in calls)
            {
                (await call.Should().ThrowAsync<ArgumentException>()).Which.Should().BeOfType(exception);
            }
        }
    }

    [Fact]
    public async Task Key_longer_than_449_characters_is_rejected_naming_the_limit()
    {
        Require(StoreCapability.KeyRules);
        var cache = await NewCacheAsync();
        var key = new string('k', 450);

        (await cache.Invoking(c => c.SetAsync(key, Bytes("v"), Sliding(TimeSpan.FromMinutes(1)), Ct))
            .Should().ThrowAsync<ArgumentOutOfRangeException>()).WithMessage("*449*");
        await cache.Invoking(c => c.GetAsync(key, Ct)).Should().ThrowAsync<ArgumentOutOfRangeException>();
    }

    [Fact]
    public async Task Null_value_is_rejected()
    {
        var cache = await NewCacheAsync();

        (await cache.Invoking(c => c.SetAsync(NewKey(), null!, Sliding(TimeSpan.FromMinutes(1)), Ct))
            .Should().ThrowAsync<ArgumentNullException>()).WithParameterName("value");
    }

    [Fact]
    public void Non_positive_relative_expirations_are_rejected_by_the_options()
    {
        // DistributedCacheEntryOptions guards these itself, identically for every store.
        FluentActions.Invoking(() => new DistributedCacheEntryOptions { SlidingExpiration = TimeSpan.Zero })
            .Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(-1) })
            .Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public async Task Absolute_expiration_in_the_past_is_rejected()
    {
        Require(StoreCapability.RejectsPastAbsoluteExpiration);
        var cache = await NewCacheAsync();
        var options = new DistributedCacheEntryOptions { AbsoluteExpiration = Start - TimeSpan.FromSeconds(1) };

        await cache.Invoking(c => c.SetAsync(NewKey(), Bytes("v"), options, Ct))
            .Should().ThrowAsync<InvalidOperationException>().WithMessage("The absolute expiration value must be in the future.");
        cache.Invoking(c => c.Set(NewKey(), Bytes("v"), options))
            .Should().Throw<InvalidOperationException>().WithMessage("The absolute expiration value must be in the future.");
    }

    [Fact]
    public async Task Cancelled_token_throws_operation_cancelled()
    {
        Require(StoreCapability.Cancellation);
        var cache = await NewCacheAsync();
        var key = NewKey();
        await cache.SetAsync(key, Bytes("v"), Sliding(TimeSpan.FromMinutes(5)), Ct);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await cache.Invoking(c => c.GetAsync(key, cancelled.Token)).Should().ThrowAsync<OperationCanceledException>();
        await cache.Invoking(c => c.SetAsync(key, Bytes("w"), Sliding(TimeSpan.FromMinutes(5)), cancelled.Token))
            .Should().ThrowAsync<OperationCanceledException>();
        await cache.Invoking(c => c.RefreshAsync(key, cancelled.Token)).Should().ThrowAsync<OperationCanceledException>();
        await cache.Invoking(c => c.RemoveAsync(key, cancelled.Token)).Should().ThrowAsync<OperationCanceledException>();

        (await cache.GetAsync(key, Ct)).Should().Equal(Bytes("v"), "a cancelled write must not have happened");
    }
}
