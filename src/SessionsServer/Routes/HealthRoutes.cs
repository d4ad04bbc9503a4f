using SessionsServer.Stores;

namespace SessionsServer.Routes;

public static class HealthRoutes
{
    /// <summary>The probe key is never written, so a read costs one round trip and changes nothing.</summary>
    private const string ProbeKey = "healthz-probe";

    public static IEndpointRouteBuilder MapHealthRoutes(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", async (GuardedDistributedCache store, CancellationToken cancellationToken) =>
        {
            try
            {
                await store.GetAsync(ProbeKey, cancellationToken);
                return Results.Json(new { status = "healthy", store = store.Store });
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && StoreFailures.Describe(ex, store.Store) is { } failure)
            {
                return Results.Json(new { status = "unhealthy", store = store.Store, error = failure.Message }, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        });
        return app;
    }
}
