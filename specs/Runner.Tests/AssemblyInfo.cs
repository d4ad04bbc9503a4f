using Xunit.Sdk;
using Xunit.v3;

// Every test, and so every scenario, may run in parallel; aggressive means a scenario awaiting I/O holds no thread,
// so many waiting scenarios overlap even on two cores. @serial scenarios opt out through their data row.
[assembly: Parallelization(Mode = ParallelMode.All, Algorithm = ParallelAlgorithm.Aggressive)]
