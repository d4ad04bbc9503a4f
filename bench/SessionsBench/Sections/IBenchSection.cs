using SessionsBench.Cli;
using SessionsBench.Reporting;
using SessionsBench.Runs;

namespace SessionsBench.Sections;

/// <summary>One part of a run (see <see cref="BenchSections"/>): its steps move one progress bar.</summary>
public interface IBenchSection
{
    string Name { get; }

    /// <summary>How many steps the bar has, counted before anything runs.</summary>
    int Steps(BenchOptions options);

    Task RunAsync(BenchContext context, BenchResults results, SectionProgress progress);
}
