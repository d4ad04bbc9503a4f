namespace SessionsServer.Routes;

/// <summary>The tutorial's routes: every body and status code is the contract's (shared/spec/contract.md).</summary>
public static class SessionRoutes
{
    private const string CounterKey = "counter";
    private const string UserKey = "user";

    public static IEndpointRouteBuilder MapSessionRoutes(this IEndpointRouteBuilder app)
    {
        // Cast to Delegate: a method taking HttpContext and returning Task would otherwise bind as a RequestDelegate and drop its result.
        var session = app.MapGroup("/session");
        session.MapGet("/counter", (Delegate)Counter).WithMetadata(WritesSession.Instance);
        session.MapGet("/login", (Delegate)Login).WithMetadata(WritesSession.Instance);
        session.MapGet("/whoami", (Delegate)WhoAmI);
        session.MapGet("/logout", (Delegate)Logout).WithMetadata(WritesSession.Instance);
        session.MapGet("/set", (Delegate)Set).WithMetadata(WritesSession.Instance);
        session.MapGet("/get", (Delegate)Get);

        app.MapGet("/hello", () => Results.Text("Hello, Session World!", "text/plain"));
        return app;
    }

    private static async Task<IResult> Counter(HttpContext context)
    {
        var counter = (context.Session.GetInt32(CounterKey) ?? 0) + 1;
        context.Session.SetInt32(CounterKey, counter);
        return await AnsweredAsync(context, Results.Json(new { message = "Counter incremented", counter }), SessionChange.Values);
    }

    private static async Task<IResult> Login(HttpContext context)
    {
        if (QueryValue(context, "user") is not { } user)
        {
            return Results.Json(new { error = "Missing 'user' query parameter", example = "/session/login?user=max" }, statusCode: StatusCodes.Status400BadRequest);
        }

        if (TooLarge(context, UserKey, user) is { } tooLarge)
        {
            return tooLarge;
        }

        context.Session.SetString(UserKey, user);
        return await AnsweredAsync(context, Results.Json(new { message = "Logged in", user }), SessionChange.Login);
    }

    private static IResult WhoAmI(HttpContext context) =>
        context.Session.GetString(UserKey) is { } user
            ? Results.Json(new { user })
            : Results.Json(new { error = "No active session or user not set" }, statusCode: StatusCodes.Status401Unauthorized);

    private static async Task<IResult> Logout(HttpContext context)
    {
        context.Session.Clear();
        return await AnsweredAsync(context, Results.Json(new { message = "Session cleared" }), SessionChange.Logout);
    }

    private static async Task<IResult> Set(HttpContext context)
    {
        if (QueryValue(context, "key") is not { } key || QueryValue(context, "value") is not { } value)
        {
            return Results.Json(new { error = "Missing 'key' and/or 'value' query parameter(s)", example = "/session/set?key=color&value=purple" }, statusCode: StatusCodes.Status400BadRequest);
        }

        if (TooLarge(context, key, value) is { } tooLarge)
        {
            return tooLarge;
        }

        context.Session.SetString(key, value);
        return await AnsweredAsync(context, Results.Json(new { message = "Stored in session", key, value }), SessionChange.Values);
    }

    private static IResult Get(HttpContext context)
    {
        if (QueryValue(context, "key") is not { } key)
        {
            return Results.Json(new { error = "Missing 'key' query parameter", example = "/session/get?key=color" }, statusCode: StatusCodes.Status400BadRequest);
        }

        return context.Session.GetString(key) is { } value
            ? Results.Json(new { key, value })
            : Results.Json(new { error = $"Key '{key}' not found in session" }, statusCode: StatusCodes.Status404NotFound);
    }

    private static IResult? TooLarge(HttpContext context, string key, string value) =>
        Writes(context).Refuse(context.Session, key, value);

    /// <summary>The first value of a query parameter, or null when it is missing, empty or only white space.</summary>
    private static string? QueryValue(HttpContext context, string name)
    {
        var value = context.Request.Query[name].FirstOrDefault();
        return string.IsNullOrWhiteSpace(value) ? null : value;
    }

    private static Task<IResult> AnsweredAsync(HttpContext context, IResult result, SessionChange change) => Writes(context).AnswerAsync(context, result, change);

    private static ISessionWrites Writes(HttpContext context) => context.RequestServices.GetRequiredService<ISessionWrites>();
}
