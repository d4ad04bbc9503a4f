using System.Collections.Immutable;
using Sessions.Testing.Hosting;
using Sessions.Testing.Inspection;

namespace Sessions.Testing.Stores;

/// <summary>The in-process MemoryDistributedCache: always available, nothing outside the server to inspect.</summary>
public sealed class MemoryStore : StoreProvisioner
{
    public override string Name => "memory";

    public override ImmutableDictionary<string, string> SkippedTags => ImmutableDictionary<string, string>.Empty
        .Add("storage", "the memory store is a MemoryDistributedCache inside the server process; there is no row to see");

    public override Task<IReadOnlyDictionary<string, string?>> PrepareAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, string?>>(new Dictionary<string, string?> { ["Sessions:Store"] = "memory" });

    public override StoreView? CreateView(SessionsServerHost host) => null;
}
