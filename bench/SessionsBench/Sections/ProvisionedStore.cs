using Microsoft.Extensions.Logging;
using SessionsBench.Reporting;
using SessionsBench.Runs;
using SessionsBench.Stores;

namespace SessionsBench.Sections;

/// <summary>
/// A store made ready for one section (its own database where the engine has them, dropped afterwards, also on
/// failure), and each step on it run so that one failing step is reported and the others still run.
/// </summary>
public static class ProvisionedStore
{
    /// <returns>False when the store is not available here or could not be prepared (said in the results).</returns>
    public static async Task<bool> RunAsync(
        string section, string store, BenchContext context, BenchResults results,
        Func<IReadOnlyDictionary<string, string?>, Task> body)
    {
        await using var provisioner = StoreCatalog.Create(store, context.Options.MostSessions);
        if (provisioner.UnavailableReason is { } reason)
        {
            results.Skip($"{store}: {reason}", context.Log);
            return false;
        }

        IReadOnlyDictionary<string, string?> settings;
        try
        {
            settings = await provisioner.PrepareAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            results.Fail(section, $"{store} (preparing the store)", ex, context.Log);
            return false;
        }

        if (provisioner.Engine is { } engine)
        {
            lock (results.Engines)
            {
                results.Engines.TryAdd(store, engine);
            }
        }

        await body(settings);
        return true;
    }

    /// <summary>One step; a failure is recorded under <paramref name="what"/> and does not end the section.</summary>
    public static async Task StepAsync(string section, string what, BenchContext context, BenchResults results, Func<Task> step)
    {
        try
        {
            await step();
        }
        catch (Exception ex)
        {
            results.Fail(section, what, ex, context.Log);
        }
    }
}
