namespace Gherkin.Runner.Expressions;

/// <summary>A step pattern that cannot be compiled; the message points at the offending position.</summary>
public sealed class ExpressionException(string message) : Exception(message)
{
    internal static ExpressionException At(string expression, int index, string problem, string? hint = null)
    {
        // Mirrors the reference implementation's layout so errors look familiar to Cucumber users.
        var caret = new string(' ', Math.Max(0, index)) + "^";
        var text = $"This Cucumber Expression has a problem at column {index + 1}:\n\n{expression}\n{caret}\n{problem}";
        return new ExpressionException(hint is null ? text : text + "\n" + hint);
    }
}
