using Sessions.Testing.Faults;

namespace Sessions.Specs.Support.Faults;

/// <summary>The scenario's fault proxy between one instance and its store, if the scenario made one; closed at its end.</summary>
public sealed class StoreFaults : IAsyncDisposable
{
    private ProxiedStore? _proxied;

    public ProxiedStore Proxied => _proxied ?? throw new InvalidOperationException("No fault proxy in this scenario; put one between an instance and its store first.");

    public ProxiedStore Start(string store, string connectionString)
    {
        if (_proxied is not null)
        {
            throw new InvalidOperationException("This scenario already has a fault proxy.");
        }

        return _proxied = ProxiedStore.Start(store, connectionString);
    }

    public async ValueTask DisposeAsync()
    {
        if (_proxied is not null)
        {
            await _proxied.DisposeAsync();
        }
    }
}
