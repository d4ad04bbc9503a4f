namespace Sessions.Caching.Tests.Contract;

public abstract partial class CacheContractTests
{
    [Fact]
    public async Task One_megabyte_value_round_trips_byte_exact()
    {
        var cache = await NewCacheAsync();
        var key = NewKey();
        var value = new byte[1024 * 1024];
        new Random(1234).NextBytes(value);

        await cache.SetAsync(key, value, Sliding(TimeSpan.FromMinutes(5)), Ct);
        (await cache.GetAsync(key, Ct)).Should().Equal(value);
        cache.Get(key).Should().Equal(value, "the sync path reads large values too");
    }

    [Fact]
    public async Task Every_byte_value_and_the_empty_value_round_trip()
    {
        var cache = await NewCacheAsync();
        var all = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();

        await cache.SetAsync("all-bytes", all, Sliding(TimeSpan.FromMinutes(5)), Ct);
        await cache.SetAsync("empty", [], Sliding(TimeSpan.FromMinutes(5)), Ct);

        (await cache.GetAsync("all-bytes", Ct)).Should().Equal(all);
        (await cache.GetAsync("empty", Ct)).Should().NotBeNull().And.BeEmpty();
    }

    [Theory]
    [InlineData("ключ-键-🔑-é")]
    [InlineData("'; DROP TABLE Sessions; --")]
    [InlineData("quote\"s and [brackets] and back\\slash")]
    [InlineData("  leading and trailing spaces  ")]
    public async Task Unusual_keys_are_stored_literally(string key)
    {
        var cache = await NewCacheAsync();

        await cache.SetAsync(key, Bytes(key), Sliding(TimeSpan.FromMinutes(5)), Ct);
        (await cache.GetAsync(key, Ct)).Should().Equal(Bytes(key));
        (await cache.GetAsync("x" + key, Ct)).Should().BeNull();
        if (key.TrimStart() != key)
        {
            (await cache.GetAsync(key.TrimStart(), Ct)).Should().BeNull("leading spaces are part of the key");
        }
    }

    [Fact]
    public async Task Key_of_449_unicode_characters_round_trips()
    {
        var cache = await NewCacheAsync();
        var key = string.Concat(Enumerable.Repeat("ü键", 225))[..449];

        await cache.SetAsync(key, Bytes("long"), Sliding(TimeSpan.FromMinutes(5)), Ct);
        (await cache.GetAsync(key, Ct)).Should().Equal(Bytes("long"));
        (await cache.GetAsync(key[..448], Ct)).Should().BeNull();
    }

    [Fact]
    public async Task Keys_are_case_sensitive()
    {
        var cache = await NewCacheAsync();

        await cache.SetAsync("a", Bytes("lower"), Sliding(TimeSpan.FromMinutes(5)), Ct);
        await cache.SetAsync("A", Bytes("upper"), Sliding(TimeSpan.FromMinutes(5)), Ct);

        (await cache.GetAsync("a", Ct)).Should().Equal(Bytes("lower"));
        (await cache.GetAsync("A", Ct)).Should().Equal(Bytes("upper"));
        await cache.RemoveAsync("A", Ct);
        (await cache.GetAsync("a", Ct)).Should().Equal(Bytes("lower"));
    }

    [Fact]
    public async Task Concurrent_writers_to_one_key_leave_one_complete_value()
    {
        const int writers = 16;
        const int writesEach = 10;
        var cache = await NewCacheAsync();
        var key = NewKey("contended");

        // Each value is 8 KB of one repeated byte plus its own id, so a torn or mixed write is visible.
        byte[] ValueOf(int writer, int write)
        {
            var value = new byte[8 * 1024];
            Array.Fill(value, (byte)((writer * writesEach) + write));
            value[0] = (byte)writer;
            value[1] = (byte)write;
            return value;
        }

        var written = new HashSet<string>();
        for (var w = 0; w < writers; w++)
        {
            for (var i = 0; i < writesEach; i++)
            {
                written.Add(Convert.ToBase64String(ValueOf(w, i)));
            }
        }

        var tasks = Enumerable.Range(0, writers).Select(w => Task.Run(
            async () =>
            {
                for (var i = 0; i < writesEach; i++)
                {
                    await cache.SetAsync(key, ValueOf(w, i), Sliding(TimeSpan.FromMinutes(5)), Ct);
                }
            },
            Ct));
        await Task.WhenAll(tasks);

        var final = await cache.GetAsync(key, Ct);
        final.Should().NotBeNull();
        written.Should().Contain(Convert.ToBase64String(final!), "the stored value must be exactly one of those written");
    }
}
