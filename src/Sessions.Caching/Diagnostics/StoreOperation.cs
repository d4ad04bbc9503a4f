namespace Sessions.Caching.Diagnostics;

/// <summary>Values of the "operation" tag on <see cref="SessionCacheMetrics.CommandsCounterName"/>.</summary>
public static class StoreOperation
{
    public const string Get = "get";
    public const string Peek = "peek";
    public const string Set = "set";
    public const string Refresh = "refresh";
    public const string Remove = "remove";
    public const string Sweep = "sweep";
    public const string Provision = "provision";
}
