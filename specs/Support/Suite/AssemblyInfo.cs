using Reqnroll.Plugins;
using ReqnrollXunit;
using Xunit;
using Xunit.Sdk;
using Xunit.v3;

// Reqnroll's runtime, run as xunit v3 cases by the glue (its own xunit plugin is not in the registry).
[assembly: RuntimePlugin(typeof(XunitRuntimePlugin))]

// Every scenario is a row of one theory; without this xunit would run them one after another, and the idle-expiry
// scenarios would wait 20 s each in a row. Aggressive: a scenario awaiting a timer holds no thread, so all the waits
// overlap even on two cores.
[assembly: Parallelization(Mode = ParallelMode.All, Algorithm = ParallelAlgorithm.Aggressive)]

// The scenarios that wait real time start first, so their waits overlap the rest of the run instead of ending it.
[assembly: TestCaseOrderer(typeof(Sessions.Specs.Support.Suite.WaitingScenariosFirst))]
