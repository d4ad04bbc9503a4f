namespace Gherkin.Runner.Expressions;

/// <summary>One captured argument of a step match.</summary>
/// <param name="RawValue">The text the group matched, as it appears in the step (quotes included).</param>
/// <param name="Start">Offset of the match in the step text; the report uses it to highlight arguments.</param>
/// <param name="Text">The text a conversion should start from (quotes removed for <c>{string}</c>).</param>
/// <param name="Value">The parameter type's own value, or the text for regular expressions.</param>
/// <param name="ParameterType">Null for regular expression groups.</param>
public sealed record StepArgument(string RawValue, int Start, string Text, object? Value, ParameterType? ParameterType);

/// <summary>A compiled step pattern: either a Cucumber Expression or a regular expression.</summary>
public abstract class StepExpression
{
    public abstract string Source { get; }

    public abstract bool IsRegularExpression { get; }

    /// <summary>The arguments when the whole step text matches; otherwise null.</summary>
    public abstract IReadOnlyList<StepArgument>? Match(string text);

    /// <summary>
    /// Anchors make the author's intent explicit, so they are the signal for a regular expression, as in Cucumber.
    /// Everything else is a Cucumber Expression.
    /// </summary>
    public static StepExpression Create(string pattern, ParameterTypeRegistry? registry = null) =>
        pattern.StartsWith('^') || pattern.EndsWith('$')
            ? new RegularExpression(pattern)
            : new CucumberExpression(pattern, registry ?? ParameterTypeRegistry.Default);
}

public sealed class RegularExpression : StepExpression
{
    readonly System.Text.RegularExpressions.Regex regex;

    public RegularExpression(string pattern)
    {
        Source = pattern;
        var anchored = (pattern.StartsWith('^') ? "" : "^") + pattern + (pattern.EndsWith('$') ? "" : "$");
        regex = new System.Text.RegularExpressions.Regex(anchored, System.Text.RegularExpressions.RegexOptions.CultureInvariant);
    }

    public override string Source { get; }

    public override bool IsRegularExpression => true;

    public override IReadOnlyList<StepArgument>? Match(string text)
    {
        var match = regex.Match(text);
        if (!match.Success) return null;
        var arguments = new List<StepArgument>();
        for (var g = 1; g < match.Groups.Count; g++)
        {
            var group = match.Groups[g];
            // Named groups still count positionally; an optional group that did not take part passes null text.
            arguments.Add(group.Success
                ? new StepArgument(group.Value, group.Index, group.Value, group.Value, null)
                : new StepArgument("", -1, "", null, null));
        }
        return arguments;
    }
}
