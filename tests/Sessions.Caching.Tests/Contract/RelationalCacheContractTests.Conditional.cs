using Sessions.Caching.Core;

namespace Sessions.Caching.Tests.Contract;

/// <summary>
/// The conditional writes (<see cref="IConditionalDistributedCache"/>) on every relational store: a write lands only
/// over what its caller read, so one that reaches the store late changes nothing over a newer one.
/// </summary>
public abstract partial class RelationalCacheContractTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    private async Task<IConditionalDistributedCache> NewConditionalCacheAsync() => (IConditionalDistributedCache)await NewCacheAsync();

    [Fact]
    public async Task A_conditional_write_lands_over_what_was_read_and_over_nothing_else()
    {
        var cache = await NewConditionalCacheAsync();
        var key = NewKey();
        await cache.SetAsync(key, Bytes("read"), Sliding(Window), Ct);

        (await cache.SetIfUnchangedAsync(key, Bytes("read"), Bytes("newer"), Sliding(Window), Ct)).Should().BeTrue();
        (await cache.SetIfUnchangedAsync(key, Bytes("read"), Bytes("late"), Sliding(Window), Ct)).Should().BeFalse("the entry changed since it was read");
        (await cache.GetAsync(key, Ct)).Should().Equal(Bytes("newer"));
    }

    [Fact]
    public async Task A_write_that_read_nothing_lands_on_no_entry_or_an_expired_one_but_not_on_a_live_one()
    {
        var cache = await NewConditionalCacheAsync();
        var key = NewKey();
        (await cache.SetIfUnchangedAsync(key, null, Bytes("first"), Sliding(Window), Ct)).Should().BeTrue("there was no entry");
        (await cache.SetIfUnchangedAsync(key, null, Bytes("late"), Sliding(Window), Ct)).Should().BeFalse("a live entry is there now");
        (await cache.GetAsync(key, Ct)).Should().Equal(Bytes("first"));

        // Expired but not swept yet: every read already treats it as gone, and so does the write.
        Clock.Advance(Window + TimeSpan.FromSeconds(1));
        (await cache.SetIfUnchangedAsync(key, null, Bytes("after expiry"), Sliding(Window), Ct)).Should().BeTrue();
        (await cache.GetAsync(key, Ct)).Should().Equal(Bytes("after expiry"));
    }

    [Fact]
    public async Task A_conditional_write_does_not_revive_an_expired_entry()
    {
        var cache = await NewConditionalCacheAsync();
        var key = NewKey();
        await cache.SetAsync(key, Bytes("read"), Sliding(Window), Ct);

        Clock.Advance(Window + TimeSpan.FromSeconds(1));
        (await cache.SetIfUnchangedAsync(key, Bytes("read"), Bytes("late"), Sliding(Window), Ct)).Should().BeFalse();
        (await cache.GetAsync(key, Ct)).Should().BeNull();
    }

    [Fact]
    public async Task A_conditional_removal_removes_only_what_was_read()
    {
        var cache = await NewConditionalCacheAsync();
        var key = NewKey();
        await cache.SetAsync(key, Bytes("newer"), Sliding(Window), Ct);

        (await cache.RemoveIfUnchangedAsync(key, Bytes("read"), Ct)).Should().BeFalse();
        (await cache.GetAsync(key, Ct)).Should().Equal(Bytes("newer"));
        (await cache.RemoveIfUnchangedAsync(key, Bytes("newer"), Ct)).Should().BeTrue();
        (await cache.GetAsync(key, Ct)).Should().BeNull();
    }

    [Fact]
    public async Task A_conditional_write_compares_every_byte_of_a_large_value()
    {
        var cache = await NewConditionalCacheAsync();
        var key = NewKey();
        var read = Enumerable.Range(0, 200_000).Select(i => (byte)i).ToArray();
        var almost = (byte[])read.Clone();
        almost[^1] ^= 1;
        await cache.SetAsync(key, read, Sliding(Window), Ct);

        (await cache.SetIfUnchangedAsync(key, almost, Bytes("late"), Sliding(Window), Ct)).Should().BeFalse("the last byte differs");
        (await cache.SetIfUnchangedAsync(key, read, Bytes("newer"), Sliding(Window), Ct)).Should().BeTrue();
    }
}
