using Xunit;

namespace Gherkin.Runner.Tests;

public class SmokeTests
{
    [Fact]
    public void Builds() => Assert.True(typeof(SmokeTests).Assembly.GetName().Name == "Gherkin.Runner.Tests");
}
