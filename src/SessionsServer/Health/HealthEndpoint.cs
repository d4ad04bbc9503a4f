using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SessionsServer.Configuration;
using SessionsServer.Stores;

namespace SessionsServer.Health;

/// <summary>
/// <c>/healthz</c> on ASP.NET Core's health checks: the session store and the key ring, each bounded by the I/O timeout.
/// 200 <c>{"status":"healthy","store":…}</c>, or 503 with the project's own words for what failed (never the driver's).
/// </summary>
public static class HealthEndpoint
{
    public const string Path = "/healthz";

    public static IServiceCollection AddSessionHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<SessionStoreHealthCheck>("session store")
            .AddCheck<KeyRingHealthCheck>("key ring");
        return services;
    }

    public static IEndpointRouteBuilder MapSessionHealthChecks(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks(Path, new HealthCheckOptions
        {
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
            ResponseWriter = WriteAsync,
        });
        return app;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var store = context.RequestServices.GetRequiredService<IOptions<SessionsServerOptions>>().Value.NormalizedStore;
        context.Response.ContentType = "application/json; charset=utf-8";
        if (report.Status == HealthStatus.Healthy)
        {
            return context.Response.WriteAsync(JsonSerializer.Serialize(new { status = "healthy", store }));
        }

        var (check, failed) = report.Entries.First(entry => entry.Value.Status != HealthStatus.Healthy);
        var error = failed.Exception is { } exception && StoreFailures.Describe(exception, store) is { } failure
            ? failure.Message
            : $"Session store '{store}' is unavailable: the {check} check failed (the server log says why)";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new { status = "unhealthy", store, error }));
    }
}
