using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Options;
using SessionsServer.Configuration;
using SessionsServer.Stores;

namespace SessionsServer.Routes;

public static class HealthRoutes
{
    /// <summary>The probe key is never written, so a read costs one round trip and changes nothing.</summary>
    private const string ProbeKey = "healthz-probe";

    public static IEndpointRouteBuilder MapHealthRoutes(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", async (IDistributedCache cache, IOptions<SessionsServerOptions> options, CancellationToken cancellationToken) =>
        {
            var store = options.Value.NormalizedStore;
            try
            {
                // Bounded here too: in the tutorial profile nothing else bounds a cache call that never returns.
                await cache.GetAsync(ProbeKey, cancellationToken).WaitAsync(options.Value.IOTimeout, cancellationToken);
                return Results.Json(new { status = "healthy", store });
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && StoreFailures.Describe(ex, store) is { } failure)
            {
                return Results.Json(new { status = "unhealthy", store, error = failure.Message }, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        });
        return app;
    }
}
