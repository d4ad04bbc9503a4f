using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;

namespace Sessions.Testing.Hosting;

/// <summary>
/// Puts something around whatever <see cref="IDistributedCache"/> the server registered (the official cache in the
/// tutorial profile, the guarded project cache in the hardened one), so both stacks are observed at the same place.
/// </summary>
public static class CacheDecoration
{
    public static void Install(IServiceCollection services, Func<IDistributedCache, IDistributedCache> decorate)
    {
        var registered = services.LastOrDefault(service => service.ServiceType == typeof(IDistributedCache))
            ?? throw new InvalidOperationException("The server registered no IDistributedCache.");
        services.AddSingleton(provider => decorate(Resolve(registered, provider)));
    }

    private static IDistributedCache Resolve(ServiceDescriptor registered, IServiceProvider provider) =>
        (IDistributedCache)(registered.ImplementationInstance
            ?? registered.ImplementationFactory?.Invoke(provider)
            ?? ActivatorUtilities.CreateInstance(provider, registered.ImplementationType!));
}
