using FluentAssertions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Session;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Sessions.Caching.Core;
using SessionsServer.Sessions;
using Xunit;

namespace SessionsServer.Tests.Sessions;

/// <summary>The project's session against the stock one: same bytes both ways, fewer store round trips.</summary>
public sealed class LoadOnceSessionTests
{
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan IO = TimeSpan.FromSeconds(10);
    private readonly CountingCache _cache = new(new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions())));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private LoadOnceSession Project(string key, bool isNew, bool readForWrite = false) =>
        new(_cache, key, Idle, IO, () => true, isNew, NullLogger.Instance, readForWrite: readForWrite);

    private DistributedSession Stock(string key, bool isNew) => new(_cache, key, Idle, IO, () => true, NullLoggerFactory.Instance, isNew);

    [Fact]
    public async Task Reads_what_the_stock_session_wrote()
    {
        var stock = Stock("k1", isNew: true);
        stock.SetString("user", "max");
        stock.SetInt32("counter", 41);
        stock.SetString("ключ 🔑", "значение");
        await stock.CommitAsync(Ct);

        var project = Project("k1", isNew: false);
        await project.LoadAsync(Ct);
        project.GetString("user").Should().Be("max");
        project.GetInt32("counter").Should().Be(41);
        project.GetString("ключ 🔑").Should().Be("значение");
        project.Id.Should().Be(stock.Id);
    }

    [Fact]
    public async Task Writes_what_the_stock_session_reads()
    {
        var project = Project("k2", isNew: true);
        project.SetString("user", "max");
        project.Set("bytes", [0, 1, 254, 255]);
        await project.CommitAsync(Ct);

        var stock = Stock("k2", isNew: false);
        await stock.LoadAsync(Ct);
        stock.GetString("user").Should().Be("max");
        stock.Get("bytes").Should().Equal(0, 1, 254, 255);
        stock.Id.Should().Be(project.Id);
    }

    [Fact]
    public async Task Reading_costs_one_round_trip_and_writing_two()
    {
        await SeedAsync("k3");
        _cache.Reset();

        var reader = Project("k3", isNew: false);
        await reader.LoadAsync(Ct);
        _ = reader.GetString("user");
        await reader.CommitAsync(Ct);
        _cache.Calls.Should().Equal("get");

        _cache.Reset();
        var writer = Project("k3", isNew: false);
        await writer.LoadAsync(Ct);
        writer.SetInt32("counter", 2);
        await writer.CommitAsync(Ct);
        _cache.Calls.Should().Equal("get", "set");
    }

    [Fact]
    public async Task A_request_that_writes_reads_without_the_slide_its_write_makes()
    {
        await SeedAsync("k6");
        _cache.Reset();

        var writer = Project("k6", isNew: false, readForWrite: true);
        await writer.LoadAsync(Ct);
        writer.GetString("user").Should().Be("max");
        writer.SetInt32("counter", 2);
        await writer.CommitAsync(Ct);
        _cache.Calls.Should().Equal("peek", "set");
    }

    [Fact]
    public async Task A_request_expected_to_write_that_does_not_still_slides_the_session()
    {
        await SeedAsync("k7");
        _cache.Reset();

        var refused = Project("k7", isNew: false, readForWrite: true);
        await refused.LoadAsync(Ct);
        await refused.CommitAsync(Ct);
        _cache.Calls.Should().Equal("peek", "refresh");
    }

    [Fact]
    public async Task The_stock_session_costs_more_for_the_same_requests()
    {
        await SeedAsync("k4");
        _cache.Reset();

        var reader = Stock("k4", isNew: false);
        await reader.LoadAsync(Ct);
        _ = reader.GetString("user");
        await reader.CommitAsync(Ct);
        _cache.Calls.Should().Equal("get", "refresh");
    }

    [Fact]
    public async Task A_new_session_is_never_looked_up()
    {
        var session = Project("k5", isNew: true);
        await session.LoadAsync(Ct);
        session.SetInt32("counter", 1);
        await session.CommitAsync(Ct);
        _cache.Calls.Should().Equal("set");
    }

    [Fact]
    public async Task Unreadable_bytes_give_a_fresh_session_that_replaces_them()
    {
        await _cache.SetAsync("k6", [9, 9, 9], new DistributedCacheEntryOptions(), Ct);
        var session = Project("k6", isNew: false);
        await session.LoadAsync(Ct);
        session.Keys.Should().BeEmpty();
        await session.CommitAsync(Ct);
        (await _cache.GetAsync("k6", Ct)).Should().NotEqual(new byte[] { 9, 9, 9 });
    }

    [Fact]
    public async Task Store_failures_reach_the_caller()
    {
        var broken = new LoadOnceSession(new FailingCache(), "k7", Idle, IO, () => true, false, NullLogger.Instance);
        var load = () => broken.LoadAsync(Ct);
        await load.Should().ThrowAsync<IOException>();
    }

    [Fact]
    public void A_session_cannot_start_after_the_response_started()
    {
        var session = new LoadOnceSession(_cache, "k8", Idle, IO, () => false, true, NullLogger.Instance);
        var act = () => session.SetString("a", "b");
        act.Should().Throw<InvalidOperationException>().WithMessage("*after the response has started*");
    }

    private async Task SeedAsync(string key)
    {
        var seed = Project(key, isNew: true);
        seed.SetString("user", "max");
        await seed.CommitAsync(Ct);
    }

    private sealed class CountingCache(IDistributedCache inner) : IDistributedCache, IPeekableDistributedCache
    {
        private readonly List<string> _calls = [];

        public IReadOnlyList<string> Calls => _calls;

        public void Reset() => _calls.Clear();

        public byte[]? Get(string key) => Record("get", () => inner.Get(key));

        public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => Record("get", () => inner.GetAsync(key, token));

        // The memory cache under it has no read without the slide; the calls are what these tests look at.
        public Task<byte[]?> PeekAsync(string key, CancellationToken token = default) => Record("peek", () => inner.GetAsync(key, token));

        public void Refresh(string key) => Record("refresh", () => { inner.Refresh(key); return 0; });

        public Task RefreshAsync(string key, CancellationToken token = default) => Record("refresh", () => inner.RefreshAsync(key, token));

        public void Remove(string key) => Record("remove", () => { inner.Remove(key); return 0; });

        public Task RemoveAsync(string key, CancellationToken token = default) => Record("remove", () => inner.RemoveAsync(key, token));

        public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => Record("set", () => { inner.Set(key, value, options); return 0; });

        public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) => Record("set", () => inner.SetAsync(key, value, options, token));

        private T Record<T>(string call, Func<T> action)
        {
            _calls.Add(call);
            return action();
        }
    }

    private sealed class FailingCache : IDistributedCache
    {
        public byte[]? Get(string key) => throw new IOException("store down");

        public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => throw new IOException("store down");

        public void Refresh(string key) => throw new IOException("store down");

        public Task RefreshAsync(string key, CancellationToken token = default) => throw new IOException("store down");

        public void Remove(string key) => throw new IOException("store down");

        public Task RemoveAsync(string key, CancellationToken token = default) => throw new IOException("store down");

        public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => throw new IOException("store down");

        public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) => throw new IOException("store down");
    }
}
