using System.Reflection;
using Reqnroll;

namespace ReqnrollXunit;

/// <summary>
/// Evidence about the whole run (which engine served a target, what was cleaned up). Reqnroll's formatters keep
/// output written while a [BeforeTestRun] or [AfterTestRun] hook runs as a run-level attachment, so call this from
/// such a hook; outside one the formatters drop it.
/// </summary>
public static class RunEvidence
{
    public static void Attach(Assembly testAssembly, string text)
    {
        var runner = TestRunnerManager.GetTestRunnerForAssembly(testAssembly);
        try
        {
            runner.TestThreadContext.TestThreadContainer.Resolve<IReqnrollOutputHelper>().WriteLine(text);
        }
        finally
        {
            TestRunnerManager.ReleaseTestRunner(runner);
        }
    }
}
