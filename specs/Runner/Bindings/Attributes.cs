namespace Gherkin.Runner.Bindings;

/// <summary>Marks a class whose methods define steps or hooks. A fresh instance is created per scenario.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class BindingAttribute : Attribute;

/// <summary>Which Gherkin keyword type a step definition answers to.</summary>
public enum StepKeyword
{
    /// <summary>Matches Given, When and Then steps alike.</summary>
    Any,
    Given,
    When,
    Then,
}

/// <summary>
/// Base of the step attributes. The pattern is a Cucumber Expression, or a regular expression when it starts with
/// '^' or ends with '$'.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public abstract class StepDefinitionBaseAttribute(string pattern, StepKeyword keyword) : Attribute
{
    public string Pattern { get; } = pattern;

    public StepKeyword Keyword { get; } = keyword;
}

public sealed class GivenAttribute(string pattern) : StepDefinitionBaseAttribute(pattern, StepKeyword.Given);

public sealed class WhenAttribute(string pattern) : StepDefinitionBaseAttribute(pattern, StepKeyword.When);

public sealed class ThenAttribute(string pattern) : StepDefinitionBaseAttribute(pattern, StepKeyword.Then);

/// <summary>Matches a step whatever its keyword.</summary>
public sealed class StepDefinitionAttribute(string pattern) : StepDefinitionBaseAttribute(pattern, StepKeyword.Any);

/// <summary>Base of the hook attributes; tags (with or without '@') limit a scenario hook to scenarios carrying any of them.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public abstract class HookAttribute(HookKind kind, string[] tags) : Attribute
{
    public HookKind Kind { get; } = kind;

    public IReadOnlyList<string> Tags { get; } = tags;

    /// <summary>Lower runs first, for Before and After hooks alike (Reqnroll's rule).</summary>
    public int Order { get; set; } = 10000;
}

public enum HookKind { BeforeTestRun, AfterTestRun, BeforeScenario, AfterScenario }

/// <summary>Static method run once before the first scenario of the suite.</summary>
public sealed class BeforeTestRunAttribute() : HookAttribute(HookKind.BeforeTestRun, []);

/// <summary>Static method run once after the last scenario, before the report is written.</summary>
public sealed class AfterTestRunAttribute() : HookAttribute(HookKind.AfterTestRun, []);

public sealed class BeforeScenarioAttribute(params string[] tags) : HookAttribute(HookKind.BeforeScenario, tags);

public sealed class AfterScenarioAttribute(params string[] tags) : HookAttribute(HookKind.AfterScenario, tags);
