using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using FluentAssertions;
using SessionsServer.Locking;
using Xunit;

namespace SessionsServer.Tests.Locking;

/// <summary>
/// The wait for a store lock ends at its deadline even when the store accepts the connection and then never
/// answers the login (a hung host): the request must get its 503 within the I/O timeout, not when the driver's own
/// connect timeout runs out.
/// </summary>
public sealed class TransactionStoreLockTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(1);
    // The wait, the grace a store's answer gets (LockDeadline.AnswerWithin), and the machine.
    private static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(1000);

    // Accepts every connection and never sends a byte back.
    private readonly TcpListener _silent = new(IPAddress.Loopback, 0);
    private readonly List<Socket> _accepted = [];
    private readonly CancellationTokenSource _stop = new();

    public TransactionStoreLockTests()
    {
        _silent.Start();
        _ = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                var socket = await _silent.AcceptSocketAsync(_stop.Token);
                lock (_accepted)
                {
                    _accepted.Add(socket);
                }
            }
        });
    }

    private int Port => ((IPEndPoint)_silent.LocalEndpoint).Port;

    [Theory]
    [MemberData(nameof(TransactionStoreLocks.Stores), MemberType = typeof(TransactionStoreLocks))]
    public async Task A_store_that_never_answers_the_login_gets_the_request_no_further_than_its_deadline(string engine)
    {
        using var storeLock = TransactionStoreLocks.For(engine, engine == "sqlserver"
            ? $"Server=127.0.0.1,{Port};User Id=sessions;Password=unused;Encrypt=false;Connect Timeout=30"
            : $"Host=127.0.0.1;Port={Port};Username=sessions;Password=unused;Timeout=30");

        var started = Stopwatch.GetTimestamp();
        var acquiring = storeLock.AcquireAsync("probe", Wait / 2, LockDeadline.Start(TimeProvider.System, Wait), TestContext.Current.CancellationToken);

        var failure = await acquiring.Invoking(a => a).Should().ThrowAsync<Exception>();
        failure.Which.Should().Match<Exception>(e => e is TimeoutException || e is OperationCanceledException, "a wait that ran out is a timeout, answered 503");
        Stopwatch.GetElapsedTime(started).Should().BeLessThan(Wait + Slack);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _silent.Stop();
        lock (_accepted)
        {
            _accepted.ForEach(socket => socket.Dispose());
        }

        _stop.Dispose();
    }
}
