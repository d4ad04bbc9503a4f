using FluentAssertions;
using Reqnroll;
using Sessions.Caching.Provisioning;
using Sessions.Specs.Support.Instances;
using Sessions.Specs.Support.Json;

namespace Sessions.Specs.Steps.Operations;

/// <summary>What the last request of the scenario answered, read from the wire (status, JSON body, elapsed time).</summary>
[Binding]
public sealed class AnswerSteps(Browsers browsers, ScenarioStore store)
{
    [Then("it answers {int}")]
    public void Answers(int status) =>
        browsers.Last.StatusCode.Should().Be(status, browsers.Last.ToString());

    [Then("it answers {int} with counter {int}")]
    public void AnswersCounter(int status, int counter)
    {
        Answers(status);
        browsers.Last.JsonInt("counter").Should().Be(counter, browsers.Last.ToString());
    }

    [Then("it answers {int} with user {string}")]
    public void AnswersUser(int status, string user)
    {
        Answers(status);
        browsers.Last.JsonString("user").Should().Be(user, browsers.Last.ToString());
    }

    [Then("it answers {int} with value {string}")]
    public void AnswersValue(int status, string value)
    {
        Answers(status);
        browsers.Last.JsonString("value").Should().Be(value, browsers.Last.ToString());
    }

    [Then("it answers {int} with an error naming {string}")]
    public void AnswersErrorNaming(int status, string text)
    {
        Answers(status);
        browsers.Last.ContentType.Should().StartWith("application/json", browsers.Last.ToString());
        browsers.Last.JsonString("error").Should().Contain(text, browsers.Last.ToString());
    }

    [Then("it answers 503 naming the store within {int} second(s)")]
    public void AnswersUnavailableWithin(int seconds)
    {
        var last = browsers.Last;
        Answers(503);
        last.ContentType.Should().StartWith("application/json", last.ToString());
        last.JsonString("store").Should().Be(store.Name, last.ToString());
        (last.JsonString("error") ?? "").Should().Contain($"'{store.Name}'", last.ToString());
        last.Body.Should().NotContain("   at ", "a 503 must not show a stack trace");
        last.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(seconds), last.ToString());
    }

    /// <summary>
    /// On an empty database both of the server's tables are missing; whichever the request reaches first (the key
    /// ring's, when a cookie is issued; the sessions', when one is loaded) must be named, and `schema create` makes both.
    /// </summary>
    [Then("it answers 503 naming a missing table of the server and both ways to create it")]
    public void AnswersMissingTable()
    {
        var last = browsers.Last;
        Answers(503);
        var error = last.JsonString("error") ?? "";
        // Named as the engine quotes it ([dbo].[Sessions], "public"."SessionKeys", "Sessions"), whatever the wording around it.
        error.Should().MatchRegex(@"[\[""](Sessions|SessionKeys)[\]""]", $"the error names the missing table\n{last}");
        error.Should().Contain(SessionTableMissingException.SchemaCreateCommand, last.ToString());
        error.Should().Contain(SessionTableMissingException.CreateTableSetting, last.ToString());
    }

    /// <summary>JSON compared by content (field order and spacing are the server's choice), everything else exactly.</summary>
    [Then(@"^it answers (\d+) with exactly (\{.*\})$")]
    public void AnswersExactly(int status, string json)
    {
        Answers(status);
        JsonBody.Difference(browsers.Last.Body, json).Should().BeNull(browsers.Last.ToString());
    }

    /// <summary>The project's own sentence, exactly: anything more would be the driver's text reaching the client.</summary>
    [Then("it answers 503 saying only that the store's key ring cannot be read")]
    public void AnswersKeyRingUnreadable() =>
        AnswersExactly(503, System.Text.Json.JsonSerializer.Serialize(new { error = KeyRingUnreadable, store = store.Name }));

    [Then("the health check answers 503 saying only that the store's key ring cannot be read")]
    public void HealthSaysKeyRingUnreadable() =>
        AnswersExactly(503, System.Text.Json.JsonSerializer.Serialize(new { status = "unhealthy", store = store.Name, error = KeyRingUnreadable }));

    /// <summary>The project's sentence for a store that refuses the server's login, rights or SQL: a 500, never the driver's text.</summary>
    [Then("it answers 500 saying only that the store is misconfigured: {string}")]
    public void AnswersMisconfigured(string what) =>
        AnswersExactly(500, System.Text.Json.JsonSerializer.Serialize(new { error = Misconfigured(what), store = store.Name }));

    [Then("the health check answers 503 saying only that the store is misconfigured: {string}")]
    public void HealthSaysMisconfigured(string what) =>
        AnswersExactly(503, System.Text.Json.JsonSerializer.Serialize(new { status = "unhealthy", store = store.Name, error = Misconfigured(what) }));

    private string Misconfigured(string what) =>
        $"Session store '{store.Name}' is misconfigured: {what} (a configuration problem, not an outage; the server log says why)";

    private string KeyRingUnreadable => $"Session store '{store.Name}' is unavailable: its data-protection key ring cannot be read (the server log says why)";

    [Then("it took longer than {int} second(s)")]
    public void TookLongerThan(int seconds) =>
        browsers.Last.Elapsed.Should().BeGreaterThan(TimeSpan.FromSeconds(seconds), browsers.Last.ToString());

    [Then("it answers a 2xx with counter {int}")]
    public void AnswersSuccessWithCounter(int counter)
    {
        browsers.Last.StatusCode.Should().BeInRange(200, 299, browsers.Last.ToString());
        browsers.Last.JsonInt("counter").Should().Be(counter, browsers.Last.ToString());
    }
}
