using Microsoft.Extensions.Options;
using SessionsServer.Configuration;
using SessionsServer.Hosting;

if (SchemaCommand.Matches(args))
{
    return await SchemaCommand.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
WebApplication app;
try
{
    SessionsServerApp.ConfigureServices(builder);
    // Checked here, before the host starts, so a bad setting prints its one line instead of a stack trace.
    ListenerPolicy.RefuseConfiguredEndpoints(builder.Configuration);
    app = builder.Build();
    _ = app.Services.GetRequiredService<IOptions<SessionsServerOptions>>().Value;
    _ = app.Services.GetRequiredService<ServerCertificate>();
}
catch (Exception ex) when (ex is OptionsValidationException or InvalidOperationException or System.Security.Cryptography.CryptographicException)
{
    var lines = ex is OptionsValidationException invalid ? invalid.Failures : [ex.Message];
    foreach (var line in lines)
    {
        Console.Error.WriteLine($"Sessions Demo Server cannot start: {line}");
    }

    return 2;
}

SessionsServerApp.Configure(app);
await app.RunAsync();
return 0;

/// <summary>Visible to WebApplicationFactory so tests host the real server.</summary>
public partial class Program;
