namespace SessionsBench.Cli;

/// <summary>The parts of a run, by the names <c>--sections</c> takes, in the order they run.</summary>
public static class BenchSections
{
    /// <summary>Every store in every profile side by side, with store calls counted per request.</summary>
    public const string Peers = "peers";

    /// <summary>A bare client issuing the request's statements with no HTTP: the store's own ceiling here.</summary>
    public const string Floor = "floor";

    /// <summary>The same mix with more and more stored sessions in the table.</summary>
    public const string Growth = "growth";

    /// <summary>The same mix while a sweep deletes many expired rows.</summary>
    public const string Sweep = "sweep";

    /// <summary>req/s and p99 at several numbers of sessions.</summary>
    public const string Concurrency = "concurrency";

    public static readonly IReadOnlyList<string> All = [Peers, Floor, Growth, Sweep, Concurrency];
}
