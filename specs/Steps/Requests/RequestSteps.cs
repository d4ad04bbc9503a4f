using Reqnroll;
using Sessions.Specs.Support.Http;

namespace Sessions.Specs.Steps.Requests;

/// <summary>The tutorial's curl flow: a cookie jar and GET requests by path, exactly as written in the feature.</summary>
[Binding]
public sealed class RequestSteps(SessionDriver session)
{
    [Given("a fresh cookie jar")]
    [When("I start again with a fresh cookie jar")]
    public void FreshJar() => session.FreshJar();

    [StepDefinition(@"^I call (/\S*)$")]
    public Task Call(string path) => session.CallAsync(path);

    [StepDefinition(@"^I call (/\S*) (\d+) times?$")]
    public async Task CallRepeatedly(string path, int times)
    {
        for (var i = 0; i < times; i++)
        {
            await session.CallAsync(path);
        }
    }

    [StepDefinition("I save the session cookie")]
    public void SaveCookie() => session.SaveSessionCookie();

    [When(@"^I replay the saved cookie on (/\S*)$")]
    public Task Replay(string path) => session.CallWithCookieAsync(
        path,
        session.SavedCookieValue ?? throw new InvalidOperationException("No cookie was saved in this scenario."));
}
