using System.Net.Sockets;
using Testcontainers.MsSql;

namespace Sessions.Testing.Stores;

/// <summary>SQL Server itself, in a container, for machines with a Docker engine and no SESSIONS_SQLSERVER.</summary>
public sealed class SqlServerContainer : IAsyncDisposable
{
    public const string Image = "mcr.microsoft.com/mssql/server:2022-latest";

    private MsSqlContainer? _container;

    /// <summary>A quick look for a Docker engine, so a machine without one skips instead of waiting on Testcontainers.</summary>
    public static bool DockerAnswers(out string probe)
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        if (!string.IsNullOrWhiteSpace(host))
        {
            // A remote or custom engine: let Testcontainers try it; a failure then fails the target with its reason.
            probe = $"DOCKER_HOST={host}";
            return true;
        }

        const string socketPath = "/var/run/docker.sock";
        if (!File.Exists(socketPath))
        {
            probe = $"no {socketPath} and DOCKER_HOST is unset";
            return false;
        }

        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.Connect(new UnixDomainSocketEndPoint(socketPath));
            probe = $"{socketPath} answers";
            return true;
        }
        catch (SocketException ex)
        {
            probe = $"{socketPath} does not answer: {ex.Message}";
            return false;
        }
    }

    public async Task<string> StartAsync(CancellationToken cancellationToken)
    {
        _container = new MsSqlBuilder(Image).Build();
        await _container.StartAsync(cancellationToken);
        return _container.GetConnectionString();
    }

    public async ValueTask DisposeAsync()
    {
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }
    }
}
