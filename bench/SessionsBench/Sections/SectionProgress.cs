using Spectre.Console;

namespace SessionsBench.Sections;

/// <summary>One section's bar in the live progress display: the step it is on, and how many are done.</summary>
public sealed class SectionProgress(ProgressTask task, string section)
{
    public void Doing(string what) => task.Description = $"{section}: {Markup.Escape(what)}";

    /// <summary>Steps that will not run (a store that is not here) still move the bar, so it ends at 100 %.</summary>
    public void Done(int steps = 1) => task.Increment(steps);

    public void Finish()
    {
        task.Description = section;
        task.Value = task.MaxValue;
        task.StopTask();
    }
}
