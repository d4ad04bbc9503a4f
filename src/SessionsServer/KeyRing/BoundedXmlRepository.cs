using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace SessionsServer.KeyRing;

/// <summary>
/// Data protection reads and writes its key ring synchronously and waits as long as the repository does: on a store
/// that accepts connections and never answers, that was the driver's connect and command timeouts (15 s on
/// PostgreSQL, 35 s on SQL Server were measured) while every request queued behind the ring. In the hardened profile
/// each call is bounded by the I/O timeout; the abandoned call finishes, or fails, on its own.
/// </summary>
internal sealed class BoundedXmlRepository(IXmlRepository inner, TimeSpan timeout, string store) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() => Bounded(inner.GetAllElements);

    public void StoreElement(XElement element, string friendlyName) => Bounded(() =>
    {
        inner.StoreElement(element, friendlyName);
        return true;
    });

    private T Bounded<T>(Func<T> call)
    {
        try
        {
            return Task.Run(call).WaitAsync(timeout).GetAwaiter().GetResult();
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"The {store} key ring did not answer within the I/O timeout of {timeout.TotalSeconds:0.#} s.", ex);
        }
    }
}
