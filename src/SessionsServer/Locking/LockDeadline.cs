namespace SessionsServer.Locking;

/// <summary>When waiting for a session's lock must end: the I/O timeout, counted from the request's first wait.</summary>
internal readonly record struct LockDeadline(TimeProvider Time, long StartedAt, TimeSpan Wait)
{
    public static LockDeadline Start(TimeProvider time, TimeSpan wait) => new(time, time.GetTimestamp(), wait);

    // A store asked while the wait ran may answer a little after it ended, its "not granted" already on the wire. Its
    // calls get this much longer, so that answer still reads as a busy session, not as a store that did not answer;
    // a store that hangs still ends the request within half a second of the wait.
    private static readonly TimeSpan AnswerGrace = TimeSpan.FromMilliseconds(500);

    /// <summary>How long a store call made while waiting may take: what is left of the wait, and a short grace for the answer.</summary>
    public TimeSpan AnswerWithin => Remaining + AnswerGrace;

    public TimeSpan Remaining
    {
        get
        {
            var left = Wait - Time.GetElapsedTime(StartedAt);
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }
    }

    /// <summary>
    /// What a store-side lock wait is given: a little less than what is left, so the store answers "not granted"
    /// before the client gives up on the call and cannot tell a busy session from a store that stopped answering.
    /// </summary>
    public int StoreWaitMilliseconds => (int)Math.Max(0, Remaining.TotalMilliseconds - 250);

    public SessionBusyException Busy() => new(Wait);
}
