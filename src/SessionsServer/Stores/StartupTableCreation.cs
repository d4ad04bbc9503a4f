using Microsoft.Extensions.Options;
using Sessions.Caching;
using SessionsServer.Configuration;
using SessionsServer.Hosting;

namespace SessionsServer.Stores;

/// <summary>
/// Honours <c>Sessions:CreateTable</c> for a cache that cannot create its own table (the official SQL Server cache):
/// the table <c>schema create</c> makes is made once, before the listener opens. A store that does not answer is
/// logged and the server starts anyway, as it would without the setting; requests then meet the store's own errors.
/// </summary>
internal sealed class StartupTableCreation(RelationalDistributedCache table, IOptions<SessionsServerOptions> options, ILogger<StartupTableCreation> logger)
    : IHostedLifecycleService
{
    // Starting runs before every hosted service's StartAsync, the web server's included.
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.ShouldCreateTable)
        {
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.IOTimeout);
        try
        {
            await table.CreateTableAsync(timeout.Token);
            ServerLog.TableReady(logger, table.QualifiedTableName);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && StoreFailures.Describe(ex, settings.NormalizedStore) is { } failure)
        {
            ServerLog.TableNotCreated(logger, table.QualifiedTableName, failure.Reason);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
