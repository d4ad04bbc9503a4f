using System.Globalization;

namespace Gherkin.Runner.Expressions;

/// <summary>A named <c>{type}</c> usable in Cucumber Expressions: a regular expression plus a conversion.</summary>
/// <param name="Name">Name written between braces; empty for the anonymous <c>{}</c>.</param>
/// <param name="Regex">Pattern without capturing groups (the expression wraps it in one).</param>
/// <param name="ClrType">Type produced by <see cref="Transform"/>; step parameters of other types get the raw text converted.</param>
/// <param name="Transform">Turns the matched text into a value.</param>
public sealed record ParameterType(string Name, string Regex, Type ClrType, Func<string, object?> Transform)
{
    const string IntegerRegex = @"-?\d+";
    const string FloatRegex = @"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?";
    // Escaped quotes are allowed inside; the surrounding quote kind decides which one ends the string.
    const string StringRegex = @"""(?:[^""\\]|\\.)*""|'(?:[^'\\]|\\.)*'";

    static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The built-in types of the Cucumber Expressions specification.</summary>
    public static IReadOnlyList<ParameterType> BuiltIn { get; } =
    [
        new("int", IntegerRegex, typeof(int), s => int.Parse(s, Invariant)),
        new("long", IntegerRegex, typeof(long), s => long.Parse(s, Invariant)),
        new("short", IntegerRegex, typeof(short), s => short.Parse(s, Invariant)),
        new("byte", IntegerRegex, typeof(byte), s => byte.Parse(s, Invariant)),
        new("biginteger", IntegerRegex, typeof(System.Numerics.BigInteger), s => System.Numerics.BigInteger.Parse(s, Invariant)),
        new("float", FloatRegex, typeof(float), s => float.Parse(s, NumberStyles.Float, Invariant)),
        new("double", FloatRegex, typeof(double), s => double.Parse(s, NumberStyles.Float, Invariant)),
        new("decimal", FloatRegex, typeof(decimal), s => decimal.Parse(s, NumberStyles.Float, Invariant)),
        new("bigdecimal", FloatRegex, typeof(decimal), s => decimal.Parse(s, NumberStyles.Float, Invariant)),
        new("word", @"[^\s]+", typeof(string), s => s),
        new("string", StringRegex, typeof(string), Unquote),
        new("", ".*", typeof(string), s => s),
    ];

    /// <summary>Removes the surrounding quotes and unescapes the quote character that was escaped inside.</summary>
    public static string Unquote(string quoted)
    {
        if (quoted.Length < 2) return quoted;
        var quote = quoted[0];
        return quoted[1..^1].Replace("\\" + quote, quote.ToString(), StringComparison.Ordinal);
    }
}

/// <summary>Parameter types known to an expression compiler; starts with the built-ins, consumers may add their own.</summary>
public sealed class ParameterTypeRegistry
{
    readonly Dictionary<string, ParameterType> types = ParameterType.BuiltIn.ToDictionary(t => t.Name, StringComparer.Ordinal);

    public static ParameterTypeRegistry Default { get; } = new();

    public void Define(ParameterType type)
    {
        if (!types.TryAdd(type.Name, type))
            throw new ExpressionException($"There is already a parameter type with name {type.Name}");
    }

    public ParameterType? Find(string name) => types.GetValueOrDefault(name);
}
