using System.ComponentModel;
using System.Globalization;

namespace Gherkin.Runner.Bindings;

/// <summary>Converts step text to a step method's parameter type. Always invariant culture: feature files are not localized numbers.</summary>
public static class ArgumentConverter
{
    public static object? Convert(string? text, object? typedValue, Type target)
    {
        if (typedValue is not null && target.IsInstanceOfType(typedValue)) return typedValue;
        var underlying = Nullable.GetUnderlyingType(target);
        if (text is null)
            return target.IsValueType && underlying is null ? Activator.CreateInstance(target) : null;
        if (underlying is not null)
            return text.Length == 0 ? null : Convert(text, typedValue, underlying);

        var invariant = CultureInfo.InvariantCulture;
        if (target == typeof(string) || target == typeof(object)) return text;
        if (target.IsEnum) return Enum.Parse(target, text.Replace(" ", "", StringComparison.Ordinal), ignoreCase: true);
        if (target == typeof(bool)) return bool.Parse(text);
        if (target == typeof(TimeSpan)) return TimeSpan.Parse(text, invariant);
        if (target == typeof(DateTime)) return DateTime.Parse(text, invariant, DateTimeStyles.RoundtripKind);
        if (target == typeof(DateTimeOffset)) return DateTimeOffset.Parse(text, invariant);
        if (target == typeof(Guid)) return Guid.Parse(text);
        if (target == typeof(Uri)) return new Uri(text, UriKind.RelativeOrAbsolute);
        if (typeof(IConvertible).IsAssignableFrom(target))
            return System.Convert.ChangeType(text, target, invariant);

        var converter = TypeDescriptor.GetConverter(target);
        if (converter.CanConvertFrom(typeof(string))) return converter.ConvertFromInvariantString(text);
        throw new InvalidOperationException($"Cannot convert '{text}' to {target.Name}.");
    }
}
