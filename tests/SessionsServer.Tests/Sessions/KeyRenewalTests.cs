using FluentAssertions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SessionsServer.Sessions;
using SessionsServer.Stores;
using Xunit;

namespace SessionsServer.Tests.Sessions;

/// <summary>The hardened login's key renewal, on the compare-and-set memory store: a move that loses a race leaves nothing behind.</summary>
public sealed class KeyRenewalTests
{
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(20);
    private readonly ConditionalMemoryCache _cache = new(new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions())));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private LoadOnceSession Session(string key, bool isNew) =>
        new(_cache, key, Idle, TimeSpan.FromSeconds(10), () => true, isNew, NullLogger.Instance);

    [Fact]
    public async Task Renewal_moves_the_session_and_the_old_key_reads_nothing()
    {
        await SeedAsync("old-1");
        var login = Session("old-1", isNew: false);
        await login.LoadAsync(Ct);
        login.RenewKey("new-1");
        login.SetString("user", "max");
        await login.CommitAsync(Ct);

        (await _cache.GetAsync("old-1", Ct)).Should().BeNull();
        var moved = Session("new-1", isNew: false);
        await moved.LoadAsync(Ct);
        moved.GetString("user").Should().Be("max");
        moved.GetInt32("counter").Should().Be(1);
    }

    [Fact]
    public async Task A_renewal_refused_because_the_old_key_changed_leaves_no_copy_under_the_new_key()
    {
        await SeedAsync("old-2");
        var login = Session("old-2", isNew: false);
        await login.LoadAsync(Ct);

        var other = Session("old-2", isNew: false);
        await other.LoadAsync(Ct);
        other.SetInt32("counter", 2);
        await other.CommitAsync(Ct);

        login.RenewKey("new-2");
        login.SetString("user", "max");
        await login.Invoking(s => s.CommitAsync(Ct)).Should().ThrowAsync<SessionChangedException>();

        (await _cache.GetAsync("new-2", Ct)).Should().BeNull("the answer sets no cookie for the new key, so nothing may be stored under it");
        var kept = Session("old-2", isNew: false);
        await kept.LoadAsync(Ct);
        kept.GetInt32("counter").Should().Be(2, "the other request's write stays under the old key");
        kept.GetString("user").Should().BeNull();
    }

    private async Task SeedAsync(string key)
    {
        var seed = Session(key, isNew: true);
        seed.SetInt32("counter", 1);
        await seed.CommitAsync(Ct);
    }
}
