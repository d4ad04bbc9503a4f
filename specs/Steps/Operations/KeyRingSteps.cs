using FluentAssertions;
using Reqnroll;
using Sessions.Specs.Support.Instances;

namespace Sessions.Specs.Steps.Operations;

/// <summary>Keys added to the shared key ring behind an instance's back, and which key a browser's cookie is under.</summary>
[Binding]
public sealed class KeyRingSteps(KeyRingDriver keyRings, Browsers browsers)
{
    private Guid? _added;

    [When("another server adds a key to the key ring instance {string} has loaded")]
    public void AddKey(string instance)
    {
        _added = keyRings.AddKeyBehindTheBackOf(instance);
        keyRings.HasLoaded(instance, _added.Value).Should().BeFalse($"instance \"{instance}\" loaded its ring before the key was added");
    }

    [Then("the cookies of browsers {string} and {string} are protected by one key")]
    public void OneKey(string first, string second) =>
        KeyRingDriver.KeyOf(browsers.SessionCookie(first)).Should().Be(
            KeyRingDriver.KeyOf(browsers.SessionCookie(second)),
            "instances that made the empty ring's first key together must use one key, not one each");

    [Then("browser {string}'s cookie is protected by that key, which instance {string} has not loaded")]
    public void CookieUnderTheNewKey(string browser, string instance)
    {
        var added = _added ?? throw new InvalidOperationException("No key was added in this scenario.");
        KeyRingDriver.KeyOf(browsers.SessionCookie(browser)).Should().Be(added, "the instance that issued the cookie read the ring after the key was added");
        keyRings.HasLoaded(instance, added).Should().BeFalse($"instance \"{instance}\" must meet the key first in the cookie");
    }
}
