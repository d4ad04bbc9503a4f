using System.Reflection;
using Gherkin.Runner.Expressions;

namespace Gherkin.Runner.Bindings;

/// <summary>A method that implements steps, with its compiled pattern.</summary>
public sealed class StepBinding(MethodInfo method, StepKeyword keyword, StepExpression expression)
{
    public MethodInfo Method { get; } = method;

    public StepKeyword Keyword { get; } = keyword;

    public StepExpression Expression { get; } = expression;

    /// <summary>Stable identifier for the report, also used in ambiguity messages.</summary>
    public string DisplayName => $"{Method.DeclaringType?.Name}.{Method.Name}";

    public override string ToString() => $"[{Keyword}(\"{Expression.Source}\")] {DisplayName}";
}

/// <summary>A hook method; instance hooks get their object from the scenario's container.</summary>
public sealed class HookBinding(MethodInfo method, HookKind kind, IReadOnlyList<string> tags, int order)
{
    public MethodInfo Method { get; } = method;

    public HookKind Kind { get; } = kind;

    /// <summary>Tag names without '@'; empty means every scenario.</summary>
    public IReadOnlyList<string> Tags { get; } = tags.Select(t => t.TrimStart('@')).ToList();

    public int Order { get; } = order;

    public string DisplayName => $"{Method.DeclaringType?.Name}.{Method.Name}";

    public bool AppliesTo(IEnumerable<string> scenarioTags) =>
        Tags.Count == 0 || scenarioTags.Any(t => Tags.Contains(t.TrimStart('@'), StringComparer.Ordinal));
}

/// <summary>Invokes binding methods whatever their return type, so async steps and hooks are awaited.</summary>
static class MethodInvoker
{
    public static async Task InvokeAsync(MethodInfo method, object? target, object?[] arguments)
    {
        object? result;
        try
        {
            result = method.Invoke(target, arguments);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }
        switch (result)
        {
            case Task task: await task.ConfigureAwait(false); break;
            case ValueTask valueTask: await valueTask.ConfigureAwait(false); break;
            case null: break;
            default:
                // ValueTask<T> and other awaitables: fall back to AsTask via reflection.
                if (result.GetType() is { IsGenericType: true } type && type.GetGenericTypeDefinition() == typeof(ValueTask<>))
                    await ((Task)type.GetMethod(nameof(ValueTask<int>.AsTask))!.Invoke(result, null)!).ConfigureAwait(false);
                break;
        }
    }
}
