using System.Text;
using System.Text.RegularExpressions;

namespace Gherkin.Runner.Expressions;

/// <summary>Suggests a step definition for an undefined step, so the failure message can be pasted as a start.</summary>
public static partial class SnippetGenerator
{
    [GeneratedRegex(@"""(?:[^""\\]|\\.)*""|'(?:[^'\\]|\\.)*'|(?<![\w.])-?\d+(?:\.\d+)?(?![\w.])")]
    private static partial Regex ArgumentPattern();

    [GeneratedRegex(@"[A-Za-z0-9]+")]
    private static partial Regex WordPattern();

    /// <param name="keyword">Attribute name to suggest: Given, When or Then.</param>
    /// <param name="stepText">The step text as written in the pickle.</param>
    /// <param name="extraParameter">"DataTable table" or "string docString" when the step carries one.</param>
    public static string Generate(string keyword, string stepText, string? extraParameter)
    {
        var expression = new StringBuilder();
        var parameters = new List<string>();
        var words = new StringBuilder();
        var last = 0;
        foreach (Match match in ArgumentPattern().Matches(stepText))
        {
            AppendLiteral(stepText[last..match.Index]);
            var (type, clr) = match.Value[0] is '"' or '\''
                ? ("string", "string")
                : match.Value.Contains('.') ? ("float", "double") : ("int", "int");
            expression.Append('{').Append(type).Append('}');
            parameters.Add($"{clr} {type}{parameters.Count(p => p.StartsWith(clr + " ", StringComparison.Ordinal)) + 1}");
            last = match.Index + match.Length;
        }
        AppendLiteral(stepText[last..]);
        if (extraParameter is not null) parameters.Add(extraParameter);

        var methodName = string.Concat(WordPattern().Matches(words.ToString())
            .Select(w => char.ToUpperInvariant(w.Value[0]) + w.Value[1..]));
        if (methodName.Length == 0 || char.IsDigit(methodName[0])) methodName = "Step" + methodName;
        var pattern = expression.ToString().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
        return $"[{keyword}(\"{pattern}\")]\npublic void {methodName}({string.Join(", ", parameters)})\n{{\n    throw new PendingStepException();\n}}";

        void AppendLiteral(string literal)
        {
            words.Append(' ').Append(literal);
            foreach (var c in literal)
            {
                // These would otherwise be read as expression syntax.
                if (c is '(' or ')' or '{' or '}' or '/' or '\\') expression.Append('\\');
                expression.Append(c);
            }
        }
    }
}
