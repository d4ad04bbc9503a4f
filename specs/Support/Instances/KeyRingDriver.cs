using Microsoft.AspNetCore.DataProtection.Internal;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.KeyManagement.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Sessions.Specs.Support.Instances;

/// <summary>
/// Works on an instance's data-protection key ring from outside the request path: adds a key to the ring it shares
/// with the others, and tells which key a session cookie is protected by and whether an instance has read it.
/// </summary>
public sealed class KeyRingDriver(ServerInstances instances)
{
    /// <summary>
    /// Writes a new key into the ring through the instance's own repository, as another server on the ring (a stock
    /// one, an older version) would, so the instance has not read it. Its activation lies a minute ahead, inside data
    /// protection's allowed clock skew (5 minutes): .NET 10.0's resolver prefers the latest activation up to then (seen
    /// on 10.0.12, where a key activated a day back lost to the older one), so every server that reads the ring
    /// afterwards protects new cookies with it.
    /// </summary>
    public Guid AddKeyBehindTheBackOf(string instance)
    {
        var services = instances.ServicesOf(instance);
        // A key manager of its own: the instance's registered one would hand out the key it has rather than make one.
        var keys = new XmlKeyManager(
            services.GetRequiredService<IOptions<KeyManagementOptions>>(),
            services.GetRequiredService<IActivator>(),
            services.GetRequiredService<ILoggerFactory>());
        var now = DateTimeOffset.UtcNow;
        return keys.CreateNewKey(activationDate: now.AddMinutes(1), expirationDate: now.AddDays(90)).KeyId;
    }

    /// <summary>Whether the key ring the instance has loaded holds the key (no read of the store: the ring it has now).</summary>
    public bool HasLoaded(string instance, Guid keyId) =>
        instances.ServicesOf(instance).GetRequiredService<IKeyRingProvider>().GetCurrentKeyRing()
            .GetAuthenticatedEncryptorByKeyId(keyId, out _) is not null;

    /// <summary>
    /// The key a Kr.Session value is protected by: data protection's payload starts with a 4-byte magic header and
    /// the key's id; the cookie carries it in unpadded base64.
    /// </summary>
    public static Guid KeyOf(string cookie)
    {
        var value = Uri.UnescapeDataString(cookie);
        var payload = Convert.FromBase64String(value.PadRight(value.Length + (4 - value.Length % 4) % 4, '='));
        return new Guid(payload.AsSpan(4, 16));
    }
}
