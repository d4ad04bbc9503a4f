using Sessions.Caching.Tests.Contract;
using Sessions.Caching.Tests.Fixtures;
using Sessions.Caching.Tests.Wire;

namespace Sessions.Caching.Tests.Stores;

[Trait("Store", "sqlserver")]
public sealed class SqlServerCacheTests(SqlServerFixture fixture) : RelationalCacheContractTests(fixture)
{
    protected override WireCommandCounter? CountWireCommands(string tableName) => new SqlClientCommandCounter(tableName);

    protected override string? UnsupportedNames(string schema, string table) =>
        fixture.IsBabelfish && (schema.Contains(']') || table.Contains(']'))
            ? $"Babelfish only ({fixture.Engine}): a bracket-quoted name containing an escaped ] ([we]]ird]) is a syntax error there; " +
              "SQL Server accepts it, and the ScriptDom test proves the emitted T-SQL is valid."
            : null;
}
