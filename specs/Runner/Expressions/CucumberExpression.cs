using System.Text;
using System.Text.RegularExpressions;

namespace Gherkin.Runner.Expressions;

/// <summary>A compiled Cucumber Expression (https://github.com/cucumber/cucumber-expressions).</summary>
public sealed class CucumberExpression : StepExpression
{
    readonly Regex regex;
    readonly List<ParameterType> parameterTypes = [];

    public CucumberExpression(string expression, ParameterTypeRegistry registry)
    {
        Source = expression;
        var nodes = ExpressionSyntax.Parse(expression);
        var pattern = new StringBuilder("^");
        foreach (var part in GroupAlternations(nodes))
            pattern.Append(part switch
            {
                IReadOnlyList<IReadOnlyList<SyntaxNode>> alternatives => RewriteAlternation(alternatives),
                SyntaxNode node => Rewrite(node, registry),
                _ => throw new InvalidOperationException(),
            });
        pattern.Append('$');
        RegexPattern = pattern.ToString();
        regex = new Regex(RegexPattern, RegexOptions.CultureInvariant);
    }

    public override string Source { get; }

    public override bool IsRegularExpression => false;

    /// <summary>The regular expression the expression compiles to; exposed for diagnostics and tests.</summary>
    public string RegexPattern { get; }

    public IReadOnlyList<ParameterType> ParameterTypes => parameterTypes;

    public override IReadOnlyList<StepArgument>? Match(string text)
    {
        var match = regex.Match(text);
        if (!match.Success) return null;
        var arguments = new List<StepArgument>(parameterTypes.Count);
        for (var i = 0; i < parameterTypes.Count; i++)
        {
            var group = match.Groups[i + 1];
            var type = parameterTypes[i];
            var value = type.Transform(group.Value);
            var textValue = value as string ?? group.Value;
            arguments.Add(new StepArgument(group.Value, group.Index, textValue, value, type));
        }
        return arguments;
    }

    /// <summary>
    /// An alternation spans the text between word boundaries (whitespace, or a parameter on either side), so the
    /// flat node list is cut into such runs; runs holding a '/' become lists of alternatives.
    /// </summary>
    IEnumerable<object> GroupAlternations(IReadOnlyList<SyntaxNode> nodes)
    {
        var run = new List<SyntaxNode>();
        IEnumerable<object> FlushRun()
        {
            if (run.Count == 0) yield break;
            if (run.OfType<SeparatorNode>().Any())
            {
                var alternatives = new List<IReadOnlyList<SyntaxNode>> { new List<SyntaxNode>() };
                foreach (var node in run)
                    if (node is SeparatorNode) alternatives.Add(new List<SyntaxNode>());
                    else ((List<SyntaxNode>)alternatives[^1]).Add(node);
                ValidateAlternatives(alternatives, run[0].Start);
                yield return alternatives;
            }
            else foreach (var node in run) yield return node;
            run = [];
        }

        foreach (var node in nodes)
        {
            if (node is WhiteSpaceNode or ParameterNode)
            {
                foreach (var flushed in FlushRun()) yield return flushed;
                yield return node;
            }
            else run.Add(node);
        }
        foreach (var flushed in FlushRun()) yield return flushed;
    }

    void ValidateAlternatives(List<IReadOnlyList<SyntaxNode>> alternatives, int start)
    {
        foreach (var alternative in alternatives)
        {
            if (alternative.Count == 0)
                throw ExpressionException.At(Source, start, "Alternative may not be empty.", "If you did not mean to use an alternative you can use '\\/' to escape the '/'");
            if (alternative.All(n => n is OptionalNode))
                throw ExpressionException.At(Source, alternative[0].Start, "An alternative may not exclusively contain optionals.", "If you did not mean to use an optional you can use '\\(' to escape the '('");
        }
    }

    string RewriteAlternation(IReadOnlyList<IReadOnlyList<SyntaxNode>> alternatives) =>
        "(?:" + string.Join("|", alternatives.Select(a => string.Concat(a.Select(n => Rewrite(n, null))))) + ")";

    string Rewrite(SyntaxNode node, ParameterTypeRegistry? registry) => node switch
    {
        TextNode text => Regex.Escape(text.Text),
        WhiteSpaceNode space => Regex.Escape(space.Text),
        OptionalNode optional => RewriteOptional(optional),
        ParameterNode parameter when registry is not null => RewriteParameter(parameter, registry),
        _ => throw new InvalidOperationException($"Unexpected {node.GetType().Name} in an alternative"),
    };

    string RewriteOptional(OptionalNode optional)
    {
        if (optional.Children.FirstOrDefault(c => c is ParameterNode) is { } parameter)
            throw ExpressionException.At(Source, parameter.Start, "An optional may not contain a parameter type.", "If you did not mean to use an parameter type you can use '\\{' to escape the '{'");
        if (optional.Children.FirstOrDefault(c => c is OptionalNode) is { } nested)
            throw ExpressionException.At(Source, nested.Start, "An optional may not contain an other optional.", "If you did not mean to use an optional type you can use '\\(' to escape the '('. For more complicated expressions consider using a regular expression instead.");
        if (optional.Children.Count == 0)
            throw ExpressionException.At(Source, optional.Start, "An optional must contain some text.", "If you did not mean to use an optional you can use '\\(' to escape the '('");
        return "(?:" + string.Concat(optional.Children.Select(c => Regex.Escape(((TextNode)c).Text))) + ")?";
    }

    string RewriteParameter(ParameterNode parameter, ParameterTypeRegistry registry)
    {
        if (parameter.Name.IndexOfAny(['{', '}', '(', ')', '\\', '/']) >= 0)
            throw ExpressionException.At(Source, parameter.Start, "Parameter names may not contain '{', '}', '(', ')', '\\' or '/'.", "Did you mean to use a regular expression?");
        var type = registry.Find(parameter.Name)
            ?? throw ExpressionException.At(Source, parameter.Start, $"Undefined parameter type '{parameter.Name}'.", $"Please register a ParameterType for '{parameter.Name}'");
        parameterTypes.Add(type);
        return "((?:" + type.Regex + "))";
    }
}
