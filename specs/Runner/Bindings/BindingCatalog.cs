using System.Reflection;
using Gherkin.Runner.Expressions;
using Io.Cucumber.Messages.Types;

namespace Gherkin.Runner.Bindings;

/// <summary>A step definition that matched a step, with the arguments it captured.</summary>
public sealed record StepMatch(StepBinding Binding, IReadOnlyList<StepArgument> Arguments);

/// <summary>The step definitions and hooks found on <see cref="BindingAttribute"/> classes.</summary>
public sealed class BindingCatalog
{
    const BindingFlags Declared = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    readonly List<StepBinding> steps = [];
    readonly List<HookBinding> hooks = [];

    BindingCatalog(IEnumerable<Type> types, ParameterTypeRegistry registry)
    {
        var errors = new List<string>();
        foreach (var type in types.Where(t => t.GetCustomAttribute<BindingAttribute>() is not null).OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            for (var current = type; current is not null && current != typeof(object); current = current.BaseType)
            foreach (var method in current.GetMethods(Declared).OrderBy(m => m.MetadataToken))
            {
                foreach (var step in method.GetCustomAttributes<StepDefinitionBaseAttribute>())
                {
                    try
                    {
                        steps.Add(new StepBinding(method, step.Keyword, StepExpression.Create(step.Pattern, registry)));
                    }
                    catch (ExpressionException ex)
                    {
                        errors.Add($"{type.Name}.{method.Name}: {ex.Message}");
                    }
                }
                foreach (var hook in method.GetCustomAttributes<HookAttribute>())
                {
                    if (hook.Kind is HookKind.BeforeTestRun or HookKind.AfterTestRun && !method.IsStatic)
                        errors.Add($"{type.Name}.{method.Name}: test run hooks must be static, they run outside any scenario.");
                    else
                        hooks.Add(new HookBinding(method, hook.Kind, hook.Tags, hook.Order));
                }
            }
        }
        // Kept rather than thrown: discovery must still list scenarios, and each scenario then fails with this text.
        Errors = errors;
    }

    public static BindingCatalog FromTypes(IEnumerable<Type> types, ParameterTypeRegistry? registry = null) =>
        new(types, registry ?? ParameterTypeRegistry.Default);

    public static BindingCatalog FromAssemblies(IEnumerable<Assembly> assemblies, ParameterTypeRegistry? registry = null) =>
        FromTypes(assemblies.SelectMany(a => a.GetTypes()), registry);

    public IReadOnlyList<StepBinding> Steps => steps;

    public IReadOnlyList<HookBinding> Hooks => hooks;

    /// <summary>Patterns that failed to compile and misdeclared hooks.</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>
    /// Reqnroll's rule, not Cucumber's: a [Given] only matches Given steps (And/But inherit the previous keyword's type,
    /// which the pickle compiler has already resolved). [StepDefinition] and '*' steps match across types.
    /// </summary>
    public IReadOnlyList<StepMatch> Match(PickleStep step)
    {
        var wanted = step.Type switch
        {
            PickleStepType.CONTEXT => StepKeyword.Given,
            PickleStepType.ACTION => StepKeyword.When,
            PickleStepType.OUTCOME => StepKeyword.Then,
            _ => StepKeyword.Any,
        };
        var matches = new List<StepMatch>();
        foreach (var binding in steps)
        {
            if (binding.Keyword != StepKeyword.Any && wanted != StepKeyword.Any && binding.Keyword != wanted) continue;
            if (binding.Expression.Match(step.Text) is { } arguments) matches.Add(new StepMatch(binding, arguments));
        }
        return matches;
    }

    public IEnumerable<HookBinding> HooksFor(HookKind kind, IEnumerable<string> scenarioTags)
    {
        var tags = scenarioTags.ToList();
        return hooks.Where(h => h.Kind == kind && h.AppliesTo(tags)).OrderBy(h => h.Order);
    }
}
