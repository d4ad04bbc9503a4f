using System.Collections.Concurrent;
using Xunit.Sdk;

namespace ReqnrollXunit;

/// <summary>
/// When a serial scenario may run. xunit's own serial phase (DisableParallelization) runs its cases one at a time
/// across the whole run, so scenarios that must only stay clear of the others on the same backing resource (a timed
/// outage on one store beside one on another) would wait for each other for nothing. Here every case is a parallel
/// case to xunit, and the case waits for its turn itself:
/// <list type="bullet">
/// <item>@serial: once every parallel case of the run has finished, one at a time, with nothing beside it;</item>
/// <item>@serial-in-lane: once the @serial ones have finished too, one at a time per lane
/// (<see cref="ScenarioTarget.Lane"/>), beside the other lanes' ones.</item>
/// </list>
/// A case its target skips takes no turn. The counts come from <see cref="TagsFirstOrderer"/>, which sees every case
/// xunit will run before the first one starts.
/// </summary>
internal sealed class SerialPhases
{
    public const string AloneTag = "serial";
    public const string InLaneTag = "serial-in-lane";

    public static SerialPhases Current { get; } = new();

    private readonly Phase _parallel = new();
    private readonly Phase _alone = new();
    private readonly SemaphoreSlim _aloneTurn = new(1, 1);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _lanes = new(StringComparer.Ordinal);
    private int _counted;

    public enum Kind { Parallel, Alone, InLane }

    /// <summary>A case's kind from its Category traits (its tags), as both the orderer and the case itself see them.</summary>
    public static Kind KindOf(ITestCase testCase)
    {
        var tags = testCase.Traits.TryGetValue("Category", out var values) ? values : [];
        return tags.Contains(AloneTag, StringComparer.OrdinalIgnoreCase) ? Kind.Alone
            : tags.Contains(InLaneTag, StringComparer.OrdinalIgnoreCase) ? Kind.InLane
            : Kind.Parallel;
    }

    /// <summary>The cases of the run before any of them starts; a case listed twice is counted once.</summary>
    public void Expect(IEnumerable<ITestCase> testCases)
    {
        foreach (var testCase in testCases)
        {
            PhaseOf(KindOf(testCase))?.Add(testCase.UniqueID);
        }

        Volatile.Write(ref _counted, 1);
        _parallel.CompleteIfEmpty();
        _alone.CompleteIfEmpty();
    }

    /// <summary>Waits for the case's turn; disposing the result ends the case's part in its phase.</summary>
    public async Task<IAsyncDisposable> EnterAsync(ITestCase testCase, string lane, bool skipped, CancellationToken cancellationToken)
    {
        var kind = KindOf(testCase);
        var phase = PhaseOf(kind);
        if (kind == Kind.Parallel || skipped)
        {
            return new Turn(phase, testCase.UniqueID, null);
        }

        if (Volatile.Read(ref _counted) == 0)
        {
            throw new InvalidOperationException(
                $"A @{(kind == Kind.Alone ? AloneTag : InLaneTag)} scenario needs the suite's test case orderer to be a {nameof(TagsFirstOrderer)}: it counts the cases each one waits for.");
        }

        await _parallel.Done.WaitAsync(cancellationToken);
        if (kind == Kind.InLane)
        {
            await _alone.Done.WaitAsync(cancellationToken);
        }

        var turn = kind == Kind.Alone ? _aloneTurn : _lanes.GetOrAdd(lane, _ => new SemaphoreSlim(1, 1));
        await turn.WaitAsync(cancellationToken);
        return new Turn(phase, testCase.UniqueID, turn);
    }

    // Only the phases something waits for are counted: nothing runs after the @serial-in-lane cases.
    private Phase? PhaseOf(Kind kind) => kind switch
    {
        Kind.Parallel => _parallel,
        Kind.Alone => _alone,
        _ => null,
    };

    private sealed class Phase
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly HashSet<string> _pending = new(StringComparer.Ordinal);

        public Task Done => _done.Task;

        public void Add(string id)
        {
            lock (_pending)
            {
                _pending.Add(id);
            }
        }

        public void CompleteIfEmpty() => Finish(null);

        public void Finish(string? id)
        {
            lock (_pending)
            {
                if (id is not null)
                {
                    _pending.Remove(id);
                }

                if (_pending.Count > 0)
                {
                    return;
                }
            }

            _done.TrySetResult();
        }
    }

    private sealed class Turn(Phase? phase, string id, SemaphoreSlim? turn) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            turn?.Release();
            phase?.Finish(id);
            return ValueTask.CompletedTask;
        }
    }
}
