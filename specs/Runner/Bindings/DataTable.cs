namespace Gherkin.Runner.Bindings;

/// <summary>A step's data table. The first row is the header.</summary>
public sealed class DataTable(IReadOnlyList<IReadOnlyList<string>> cells)
{
    public IReadOnlyList<IReadOnlyList<string>> Cells { get; } = cells;

    public IReadOnlyList<string> Header => Cells.Count > 0 ? Cells[0] : [];

    /// <summary>Rows after the header, each keyed by header cell.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Rows =>
        Cells.Skip(1).Select(r => (IReadOnlyDictionary<string, string>)Header.Zip(r).ToDictionary(p => p.First, p => p.Second)).ToList();

    /// <summary>Reads a two-column table (no header row) as key/value pairs.</summary>
    public IReadOnlyDictionary<string, string> ToDictionary()
    {
        if (Cells.Any(r => r.Count != 2))
            throw new InvalidOperationException("ToDictionary needs a table with exactly two columns.");
        return Cells.ToDictionary(r => r[0], r => r[1]);
    }
}

/// <summary>A step's doc string. Steps may take a plain <see cref="string"/> instead.</summary>
public sealed record DocString(string Content, string? MediaType);
