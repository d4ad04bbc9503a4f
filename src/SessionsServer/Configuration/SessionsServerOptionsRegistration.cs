using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace SessionsServer.Configuration;

public static class SessionsServerOptionsRegistration
{
    /// <summary>The server's options, bound from configuration and checked at start; every profile and command needs them.</summary>
    public static IServiceCollection AddSessionsServerOptions(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<SessionsServerOptions>, SessionsServerOptionsSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SessionsServerOptions>, SessionsServerOptionsValidator>());
        services.AddOptions<SessionsServerOptions>().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>
    /// Profile and store as configured, read while services are being registered (the registrations depend on them);
    /// every other setting is read through the options later. Only strings are read here, so a malformed number
    /// still fails where start-up prints it as one line.
    /// </summary>
    public static SessionsServerOptions ReadChoice(IConfiguration configuration)
    {
        var section = configuration.GetSection(SessionsServerOptions.SectionName);
        var defaults = new SessionsServerOptions();
        return new SessionsServerOptions
        {
            Profile = section[nameof(SessionsServerOptions.Profile)] ?? defaults.Profile,
            Store = section[nameof(SessionsServerOptions.Store)] ?? defaults.Store,
        };
    }
}
