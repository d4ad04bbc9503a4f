using Microsoft.Extensions.Options;

namespace SessionsServer.Configuration;

/// <summary>
/// Reads the settings that sit outside the <c>Sessions</c> section: the port (<c>--port</c>, <c>PORT</c>)
/// and the connection string (<c>ConnectionStrings:Sessions</c>), so the options object holds all of them.
/// </summary>
internal sealed class SessionsServerOptionsSetup(IConfiguration configuration) : IConfigureOptions<SessionsServerOptions>
{
    public void Configure(SessionsServerOptions options)
    {
        configuration.GetSection(SessionsServerOptions.SectionName).Bind(options);
        options.ConnectionString ??= configuration.GetConnectionString("Sessions");
        if (configuration["port"] is { Length: > 0 } port)
        {
            options.Port = int.TryParse(port, out var value) ? value : -1;
        }
    }
}
