using System.Reflection;

namespace Gherkin.Runner.Execution;

/// <summary>
/// Per-scenario constructor injection: any class with a public constructor is built once per scenario, its
/// parameters resolved the same way, so step classes asking for the same context type share one instance.
/// Objects the container built are disposed at the end of the scenario; registered ones belong to their owner.
/// </summary>
public sealed class ScenarioContainer : IAsyncDisposable
{
    readonly Dictionary<Type, object> registered = [];
    readonly Dictionary<Type, object> created = [];
    readonly List<object> creationOrder = [];
    readonly HashSet<Type> resolving = [];
    readonly Lock gate = new();

    /// <summary>Makes <paramref name="instance"/> the answer for <paramref name="type"/> in this scenario.</summary>
    public void Register(Type type, object instance)
    {
        lock (gate) registered[type] = instance;
    }

    public void Register<T>(T instance) where T : notnull => Register(typeof(T), instance);

    /// <summary>Registers under the runtime type, its base classes and interfaces, so steps may ask for any of them.</summary>
    public void RegisterAll(object instance)
    {
        for (var type = instance.GetType(); type is not null && type != typeof(object); type = type.BaseType)
            lock (gate) registered.TryAdd(type, instance);
        foreach (var contract in instance.GetType().GetInterfaces())
            if (contract != typeof(IDisposable) && contract != typeof(IAsyncDisposable))
                lock (gate) registered.TryAdd(contract, instance);
    }

    public T Resolve<T>() => (T)Resolve(typeof(T));

    public object Resolve(Type type)
    {
        lock (gate) return ResolveLocked(type);
    }

    object ResolveLocked(Type type)
    {
        if (registered.TryGetValue(type, out var instance) || created.TryGetValue(type, out instance)) return instance;
        if (type.IsInterface || type.IsAbstract || type.IsPrimitive || type == typeof(string))
            throw new InvalidOperationException($"Nothing registered for {type.Name}, and it cannot be constructed. Register an instance for the scenario.");
        if (!resolving.Add(type))
            throw new InvalidOperationException($"Circular constructor dependency involving {type.Name}.");
        try
        {
            var constructor = type.GetConstructors(BindingFlags.Public | BindingFlags.Instance)
                .OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()
                ?? throw new InvalidOperationException($"{type.Name} has no public constructor.");
            var arguments = constructor.GetParameters().Select(p => ResolveLocked(p.ParameterType)).ToArray();
            try
            {
                instance = constructor.Invoke(arguments);
            }
            catch (TargetInvocationException ex) when (ex.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
                throw;
            }
            created[type] = instance;
            creationOrder.Add(instance);
            return instance;
        }
        finally
        {
            resolving.Remove(type);
        }
    }

    /// <summary>Disposes in reverse creation order, so an object outlives nothing that depends on it.</summary>
    public async ValueTask DisposeAsync()
    {
        List<object> owned;
        lock (gate) { owned = [.. creationOrder]; creationOrder.Clear(); created.Clear(); }
        List<Exception>? errors = null;
        for (var i = owned.Count - 1; i >= 0; i--)
        {
            try
            {
                if (owned[i] is IAsyncDisposable asyncDisposable) await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                else if (owned[i] is IDisposable disposable) disposable.Dispose();
            }
            catch (Exception ex)
            {
                (errors ??= []).Add(ex);
            }
        }
        if (errors is not null) throw new AggregateException("Disposing scenario objects failed.", errors);
    }
}
