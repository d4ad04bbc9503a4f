using System.Text;
using FluentAssertions;
using Reqnroll;
using Sessions.Specs.Support.Scenario;
using Sessions.Specs.Support.Http;
using Sessions.Testing.Inspection;

namespace Sessions.Specs.Steps.Storage;

/// <summary>What the store itself holds for this scenario's session, read beside the server.</summary>
[Binding]
public sealed class StorageSteps(SessionDriver session, CurrentScenario scenario)
{
    [Then("the store holds my session, expiring {int} seconds after my last request give or take {int}")]
    public async Task HoldsExpiring(int seconds, int tolerance)
    {
        var stored = await ReadRequiredAsync();
        // The row was written between the request leaving and its answer arriving; "now" is that window.
        var earliest = session.LastSentAt.AddSeconds(seconds - tolerance);
        var latest = session.LastReceivedAt.AddSeconds(seconds + tolerance);
        stored.ExpiresAt.Should().BeOnOrAfter(earliest, "the idle timeout is {0} s; {1}", seconds, stored.Where)
            .And.BeOnOrBefore(latest, "the idle timeout is {0} s; {1}", seconds, stored.Where);
    }

    [StepDefinition("the store holds my session")]
    public Task Holds() => ReadRequiredAsync();

    [When("the store sweeps expired sessions")]
    public async Task Sweep()
    {
        var view = await ViewAsync();
        scenario.Attach(await view.Rows.SweepAsync(scenario.CancellationToken));
    }

    [Then("the store no longer holds my session")]
    public async Task Gone()
    {
        var (key, stored) = await ReadAsync();
        stored.Should().BeNull("the expired session {0} must be deleted, yet the store still holds it, expiring {1:O}", key, stored?.ExpiresAt);
    }

    [StepDefinition("my stored session contains {string}")]
    public async Task Contains(string text)
    {
        var stored = await ReadRequiredAsync();
        IndexOf(stored, text).Should().BeGreaterThanOrEqualTo(0, "the stored bytes should hold \"{0}\" ({1})", text, stored.Where);
    }

    [Then("my stored session does not contain {string}")]
    public async Task DoesNotContain(string text)
    {
        var (key, stored) = await ReadAsync();
        if (stored is not null)
        {
            IndexOf(stored, text).Should().Be(-1, "nothing of \"{0}\" may remain for session {1} ({2})", text, key, stored.Where);
        }
    }

    [Then("the store's table is the standard table of Microsoft.Extensions.Caching.SqlServer:")]
    public async Task StandardTable(string expected)
    {
        var view = await ViewAsync();
        var sqlServer = view.Rows as RelationalStoreInspector;
        if (sqlServer is not { IsSqlServer: true })
        {
            scenario.Skip("this requirement is about the SQL Server table; this target's store is another one");
        }

        var shape = await sqlServer.SqlServerTableShapeAsync(scenario.CancellationToken);
        scenario.Attach(shape);
        // Identifiers compare without case, as SQL Server's do (Babelfish's catalog hands key columns back in lower case).
        shape.Split('\n').Should().BeEquivalentTo(
            expected.Split('\n').Select(l => l.Trim()),
            options => options.Using<string>(c => c.Subject.Should().BeEquivalentTo(c.Expectation)).WhenTypeIs<string>(),
            "the catalog says:\n{0}",
            shape);
    }

    private static int IndexOf(StoredSession stored, string text) => stored.Value.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text));

    private async Task<StoredSession> ReadRequiredAsync()
    {
        var (key, stored) = await ReadAsync();
        return stored ?? throw new InvalidOperationException($"The store holds no session for key {key}.");
    }

    private async Task<(string Key, StoredSession? Stored)> ReadAsync()
    {
        var view = await ViewAsync();
        var cookie = session.LastSessionCookie ?? throw new InvalidOperationException("The server set no session cookie in this scenario, so there is no session to look for.");
        var key = view.Keys.FromCookie(cookie.Value);
        var stored = await view.Rows.ReadAsync(key, scenario.CancellationToken);
        scenario.Attach(stored is null
            ? $"session key {key}: nothing stored"
            : $"session key {key}: {stored.Where}\nexpires at {stored.ExpiresAt:O} (in {(stored.ExpiresAt - DateTimeOffset.UtcNow).TotalSeconds:0.0} s)\nvalue: {stored.Value.Length} bytes, {Convert.ToHexString(stored.Value)}");
        return (key, stored);
    }

    private async Task<StoreView> ViewAsync()
    {
        var endpoint = await session.EndpointAsync();
        if (endpoint.Store is null)
        {
            scenario.Skip("the suite cannot see this target's store");
        }

        return endpoint.Store;
    }
}
