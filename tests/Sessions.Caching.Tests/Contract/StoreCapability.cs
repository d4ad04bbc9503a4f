namespace Sessions.Caching.Tests.Contract;

/// <summary>Cases that only make sense for some stores (the in-memory reference has no table, no SQL).</summary>
public enum StoreCapability
{
    Table,
    Sweeping,
    KeyRules,
    Cancellation,
    DefaultSlidingExpiration,
    RejectsPastAbsoluteExpiration,
    CommandMetrics,
}
