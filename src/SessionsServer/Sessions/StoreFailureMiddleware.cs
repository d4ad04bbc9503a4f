using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption;
using Microsoft.AspNetCore.DataProtection.KeyManagement.Internal;
using SessionsServer.Hosting;
using SessionsServer.Stores;

namespace SessionsServer.Sessions;

/// <summary>
/// Wraps the session middleware: whatever part of a session request fails because of the store (loading,
/// writing, or reading the data-protection key ring kept in the store) answers 503 with a JSON error naming
/// the store — never a hang, never a 500 with a stack trace. A store that refuses the server's login, rights or SQL
/// answers 500 with the same kind of JSON (<see cref="StoreFailures"/> decides).
/// </summary>
internal sealed class StoreFailureMiddleware(RequestDelegate next, GuardedDistributedCache store, IKeyRingProvider keyRings, ILogger<StoreFailureMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            // A cookie that cannot be unprotected reads as "no session" and gets a new one, so a key ring that is briefly
            // unreadable (its store just came back) would silently replace the user's session. Reading the ring and its
            // default key first, as protecting would, throws instead: the request gets a 503 and the browser keeps its
            // cookie. Once the ring is loaded this is a cached read (protecting a few bytes here instead cost a sixth of
            // a memory-store request in crypto).
            if (context.Request.Cookies.ContainsKey(SessionsServerApp.CookieName))
            {
                EnsureKeyRing();
            }

            await next(context);
        }
        catch (Exception ex) when (!context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted && StoreFailures.Describe(ex, store.Store) is { } failure)
        {
            failure.Log(logger, store.Store, context.Request.Path);
            context.Response.Clear();
            await Results.Json(new { error = failure.Message, store = store.Store }, statusCode: failure.StatusCode).ExecuteAsync(context);
        }
    }

    /// <summary>What protecting would need, failing as protecting does: whatever stopped it, wrapped as a key-ring error.</summary>
    private void EnsureKeyRing()
    {
        IAuthenticatedEncryptor? encryptor;
        try
        {
            encryptor = keyRings.GetCurrentKeyRing().DefaultAuthenticatedEncryptor;
        }
        catch (Exception ex) when (ex is not CryptographicException)
        {
            throw new CryptographicException("The data-protection key ring cannot be read.", ex);
        }

        if (encryptor is null)
        {
            throw new CryptographicException("The data-protection key ring holds no usable default key.");
        }
    }
}
