namespace SessionsServer.Hosting;

/// <summary>
/// The server listens on the code's loopback HTTPS endpoint only. Kestrel merges endpoints from configuration
/// (<c>Kestrel:Endpoints</c>, for example <c>Kestrel__Endpoints__X__Url=http://0.0.0.0:80</c>) in beside it without a
/// word, which would break both promises; such settings stop the start instead.
/// </summary>
internal static class ListenerPolicy
{
    public const string EndpointsSection = "Kestrel:Endpoints";

    public static void RefuseConfiguredEndpoints(IConfiguration configuration)
    {
        var endpoints = configuration.GetSection(EndpointsSection).GetChildren().Select(endpoint => endpoint.Key).ToList();
        if (endpoints.Count > 0)
        {
            throw new InvalidOperationException(
                $"{EndpointsSection} ({string.Join(", ", endpoints)}) is not supported: the server listens only on https://127.0.0.1; choose the port with --port or PORT.");
        }
    }
}
