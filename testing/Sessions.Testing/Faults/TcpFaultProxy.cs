using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Sessions.Testing.Faults;

/// <summary>
/// A TCP proxy on 127.0.0.1 between the server and its store, so a scenario can take the store away or make
/// it slow — for any store, a container included — without touching the store itself.
/// <list type="bullet">
/// <item><see cref="Cut"/>: open connections are reset and new ones are accepted and dropped at once (a dead host).</item>
/// <item><see cref="Blackhole"/>: new connections are accepted and nothing ever comes back, and what open connections
/// send is held, in both directions, until the store is back (a hung host: the connections stay, the answers stop).</item>
/// <item><see cref="Delay"/>: every chunk from the store waits this long before it is passed on (a slow store).</item>
/// </list>
/// After a blackhole, <see cref="HeldRequestAnswered"/> says when the store has answered what it was sent once it was back.
/// </summary>
public sealed class TcpFaultProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly DnsEndPoint _target;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Guid, (TcpClient Client, TcpClient Upstream)> _open = new();
    private readonly Task _accepting;
    private volatile Mode _mode = Mode.Pass;
    private TimeSpan _delay;
    private volatile TaskCompletionSource _heldAnswered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private enum Mode { Pass, Cut, Blackhole }

    public TcpFaultProxy(string targetHost, int targetPort)
    {
        _target = new DnsEndPoint(targetHost, targetPort);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        // On the thread pool: started from a step, the loop would otherwise accept each connection only when one of
        // xunit's few test threads is free, and every new store connection through the proxy would wait for that.
        _accepting = Task.Run(AcceptLoopAsync);
    }

    /// <summary>The loopback port to give the server instead of the store's own.</summary>
    public int Port { get; }

    public void Restore()
    {
        _delay = TimeSpan.Zero;
        _mode = Mode.Pass;
    }

    public void Cut()
    {
        _mode = Mode.Cut;
        foreach (var key in _open.Keys)
        {
            if (_open.TryRemove(key, out var pair))
            {
                Reset(pair.Client);
                pair.Upstream.Dispose();
            }
        }
    }

    public void Blackhole()
    {
        _heldAnswered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        _mode = Mode.Blackhole;
    }

    /// <summary>
    /// Completes when, after the last <see cref="Blackhole"/>, a connection whose request to the store was held has
    /// had that request passed on and then read an answer from the store. A store that answers in order (Redis, on one
    /// connection) has then run the first command it was held back from, so what it wrote can be looked at.
    /// </summary>
    public Task HeldRequestAnswered => _heldAnswered.Task;

    public void Delay(TimeSpan delay)
    {
        _mode = Mode.Pass;
        _delay = delay;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        foreach (var pair in _open.Values)
        {
            pair.Client.Dispose();
            pair.Upstream.Dispose();
        }

        await _accepting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        switch (_mode)
        {
            case Mode.Cut:
                Reset(client);
                return;
            case Mode.Blackhole:
                // Hold the socket open and silent until the proxy goes away; the caller's own timeout must fire.
                await Task.Delay(Timeout.Infinite, _stopping.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                client.Dispose();
                return;
        }

        var upstream = new TcpClient();
        var id = Guid.NewGuid();
        try
        {
            await upstream.ConnectAsync(_target.Host, _target.Port, _stopping.Token);
            _open[id] = (client, upstream);
            using var done = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            var held = new HeldRequest();
            var toStore = PumpAsync(client.GetStream(), upstream.GetStream(), delayed: false, held, done.Token);
            var fromStore = PumpAsync(upstream.GetStream(), client.GetStream(), delayed: true, held, done.Token);
            await Task.WhenAny(toStore, fromStore);
            await done.CancelAsync();
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The far side went away; the near side learns it from the closed socket below.
        }
        finally
        {
            _open.TryRemove(id, out _);
            client.Dispose();
            upstream.Dispose();
        }
    }

    /// <param name="delayed">True for the direction from the store, which <see cref="Delay"/> slows and which carries its answers.</param>
    private async Task PumpAsync(Stream from, Stream to, bool delayed, HeldRequest held, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, cancellationToken)) > 0)
            {
                var readAt = Stopwatch.GetTimestamp();
                if (delayed && Interlocked.Read(ref held.PassedOnAt) is > 0 and var passedOn && readAt > passedOn)
                {
                    // Read after the held request went on: its answer, or a later one (answers come in order).
                    _heldAnswered.TrySetResult();
                }

                if (delayed && _delay > TimeSpan.Zero)
                {
                    await Task.Delay(_delay, cancellationToken);
                }

                var wasHeld = false;
                while (_mode == Mode.Blackhole)
                {
                    wasHeld = true;
                    await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
                }

                if (_mode == Mode.Cut)
                {
                    return;
                }

                if (wasHeld && !delayed)
                {
                    // Marked before the write, so an answer cannot be read before the mark.
                    Interlocked.Exchange(ref held.PassedOnAt, Stopwatch.GetTimestamp());
                }

                await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Either side closing ends the pump; ServeAsync closes the other side.
        }
    }

    /// <summary>One connection's request to the store that a blackhole held: when it was passed on (a timestamp), 0 until then.</summary>
    private sealed class HeldRequest
    {
        public long PassedOnAt;
    }

    /// <summary>Closes with RST rather than FIN, as a host that died would, so clients fail fast instead of waiting.</summary>
    private static void Reset(TcpClient client)
    {
        try
        {
            client.Client.LingerState = new LingerOption(true, 0);
        }
        catch (SocketException)
        {
            // Already closed: nothing to reset.
        }

        client.Dispose();
    }
}
