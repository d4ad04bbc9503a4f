using Xunit.Sdk;
using Xunit.v3;

namespace ReqnrollXunit;

/// <summary>
/// Starts the scenarios carrying the given tags before all others, in xunit's own stable order otherwise, and the
/// serial ones (@serial, @serial-in-lane) last. Under parallel runs a scenario that mostly waits (idle expiry waits 20 s
/// of real time) costs nothing while others run, but started last it alone holds the run open at the end. It also
/// counts the run's cases for <see cref="SerialPhases"/>, so a suite with serial scenarios needs it. Subclass once
/// per suite with its tags and apply it with <c>[assembly: TestCaseOrderer(typeof(...))]</c>.
/// </summary>
public abstract class TagsFirstOrderer : ITestCaseOrderer
{
    /// <summary>Tags (without @) whose scenarios start first, earlier tags before later ones.</summary>
    protected abstract IReadOnlyList<string> FirstTags { get; }

    public IReadOnlyCollection<TTestCase> OrderTestCases<TTestCase>(IReadOnlyCollection<TTestCase> testCases)
        where TTestCase : notnull, ITestCase
    {
        SerialPhases.Current.Expect(testCases.Cast<ITestCase>());
        var ordered = DefaultTestCaseOrderer.Instance.OrderTestCases(testCases);
        // OrderBy is stable: within one rank xunit's order stays.
        return ordered.OrderBy(testCase => SerialPhases.KindOf(testCase)).ThenBy(testCase => Rank(testCase)).ToList();
    }

    private int Rank(ITestCase testCase)
    {
        var categories = testCase.Traits.TryGetValue("Category", out var values) ? values : [];
        for (var rank = 0; rank < FirstTags.Count; rank++)
        {
            if (categories.Contains(FirstTags[rank], StringComparer.OrdinalIgnoreCase))
            {
                return rank;
            }
        }

        return FirstTags.Count;
    }
}
