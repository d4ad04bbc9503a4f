using System.Diagnostics;
using System.Text;

namespace SessionsServer.Tests.CommandLine;

/// <summary>
/// The built server run as its own process, as a user starts it, for what only a real process shows: the exit
/// code and the exact lines of a refused start, the command-line certificate, and the <c>schema create</c> command.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource<int> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int? _port; // written and read only by the stdout reader, one line at a time

    private ServerProcess(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "SessionsServer.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, line) => Record(_stdout, line.Data);
        _process.ErrorDataReceived += (_, line) => Record(_stderr, line.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string StandardOutput => Snapshot(_stdout);

    public string StandardError => Snapshot(_stderr);

    /// <summary>Runs the server with these arguments until it exits by itself (a command, or a refused start).</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunToExitAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        await using var server = new ServerProcess(arguments);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(60));
        await server._process.WaitForExitAsync(limit.Token);
        return (server._process.ExitCode, server.StandardOutput, server.StandardError);
    }

    /// <summary>Starts a server that keeps running and waits for its "listening" log line; the port is the one it bound.</summary>
    public static async Task<(ServerProcess Server, int Port)> StartListeningAsync(
        IEnumerable<string> arguments, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? environment = null)
    {
        var server = new ServerProcess(arguments, environment);
        try
        {
            var exited = server._process.WaitForExitAsync(cancellationToken);
            var first = await Task.WhenAny(server._listening.Task, exited).WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
            if (first != server._listening.Task)
            {
                throw new InvalidOperationException($"The server exited with {server._process.ExitCode} before listening:\n{server.StandardError}\n{server.StandardOutput}");
            }

            return (server, await server._listening.Task);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Record(StringBuilder buffer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (buffer)
        {
            buffer.AppendLine(line);
        }

        // "Sessions Demo Server listening on https://127.0.0.1:{port} with store {store}", then the certificate line;
        // ready once both are read, so a caller can assert on either.
        const string marker = "listening on https://127.0.0.1:";
        var at = line.IndexOf(marker, StringComparison.Ordinal);
        if (at >= 0 && int.TryParse(line[(at + marker.Length)..].Split(' ')[0], out var port))
        {
            _port = port;
        }
        else if (_port is { } bound && line.Contains("(pin this in clients)", StringComparison.Ordinal))
        {
            _listening.TrySetResult(bound);
        }
    }

    private static string Snapshot(StringBuilder buffer)
    {
        lock (buffer)
        {
            return buffer.ToString();
        }
    }
}
