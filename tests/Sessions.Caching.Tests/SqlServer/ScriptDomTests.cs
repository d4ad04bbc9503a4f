using Microsoft.SqlServer.TransactSql.ScriptDom;
using Sessions.Caching.Configuration;
using Sessions.Caching.Dialects.SqlServer;

namespace Sessions.Caching.Tests.SqlServer;

/// <summary>
/// Every T-SQL text the SQL Server dialect can send, parsed by SQL Server's own parser. This covers
/// names a test engine cannot run (Babelfish rejects [we]]ird]) and shows each name stays one quoted identifier.
/// </summary>
[Trait("Store", "sqlserver")]
[Trait("Category", "scriptdom")]
public sealed class ScriptDomTests
{
    public static TheoryData<string, string> Names => new()
    {
        { "dbo", "Sessions" },
        { "my schema", "my table" },
        { "we]ird", "ta]ble" },
        { "o'brien", "Sess'ions" },
        { "[already]", "x]]y" },
        { "semi;colon--", "drop table x; --" },
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_statement_parses_without_errors_and_keeps_names_quoted(string schema, string table)
    {
        var dialect = new SqlServerDialect(new RelationalCacheOptions { ConnectionString = "Server=unused", SchemaName = schema, TableName = table });
        var statements = dialect.Statements.All.ToList();
        statements.Should().HaveCount(9 + dialect.Statements.CreateTable.Count);

        foreach (var sql in statements)
        {
            var fragment = Parse(sql);
            var names = new ObjectNameCollector();
            fragment.Accept(names);

            var createsSchema = names.StringLiterals.Any(l => l.StartsWith("CREATE SCHEMA ", StringComparison.Ordinal));
            (names.TableNames.Count > 0 || createsSchema).Should().BeTrue($"the statement names the table or creates the schema: {sql}");
            foreach (var name in names.TableNames)
            {
                name.SchemaIdentifier.Should().NotBeNull();
                name.SchemaIdentifier!.Value.Should().Be(schema, sql);
                name.SchemaIdentifier.QuoteType.Should().Be(QuoteType.SquareBracket);
                name.BaseIdentifier.Value.Should().Be(table, sql);
                name.BaseIdentifier.QuoteType.Should().Be(QuoteType.SquareBracket);
            }

            // Names inside string literals (OBJECT_ID, SCHEMA_ID, the EXEC'd CREATE SCHEMA) must survive too.
            foreach (var literal in names.StringLiterals)
            {
                literal.Should().BeOneOf(schema, dialect.QualifiedTableName, "CREATE SCHEMA " + SqlServerDialect.QuoteName(schema), "U");
                if (literal.StartsWith("CREATE SCHEMA ", StringComparison.Ordinal))
                {
                    var inner = new ObjectNameCollector();
                    Parse(literal).Accept(inner);
                    inner.SchemaNames.Should().ContainSingle().Which.Value.Should().Be(schema);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Key_ring_statements_parse_and_keep_names_quoted(string schema, string table)
    {
        var dialect = new SqlServerDialect(new RelationalCacheOptions { ConnectionString = "Server=unused", SchemaName = schema, TableName = "Sessions" });
        var keyRing = dialect.KeyRingStatements(table);

        foreach (var sql in new[] { keyRing.CreateTable, keyRing.SelectAll, keyRing.Insert })
        {
            var names = new ObjectNameCollector();
            Parse(sql).Accept(names);
            names.TableNames.Should().NotBeEmpty(sql);
            foreach (var name in names.TableNames)
            {
                name.SchemaIdentifier!.Value.Should().Be(schema, sql);
                name.SchemaIdentifier.QuoteType.Should().Be(QuoteType.SquareBracket);
                name.BaseIdentifier.Value.Should().Be(table, sql);
                name.BaseIdentifier.QuoteType.Should().Be(QuoteType.SquareBracket);
            }
        }
    }

    [Fact]
    public void Qualified_name_in_OBJECT_ID_parses_back_to_the_configured_names()
    {
        var dialect = new SqlServerDialect(new RelationalCacheOptions { ConnectionString = "Server=unused", SchemaName = "we]ird s'c", TableName = "ta]ble" });
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);

        var name = parser.ParseSchemaObjectName(new StringReader(dialect.QualifiedTableName), out var errors);

        errors.Should().BeEmpty();
        name.SchemaIdentifier.Value.Should().Be("we]ird s'c");
        name.BaseIdentifier.Value.Should().Be("ta]ble");
    }

    [Fact]
    public void Table_definition_is_the_standard_distributed_cache_table()
    {
        var dialect = new SqlServerDialect(new RelationalCacheOptions { ConnectionString = "Server=unused" });
        var create = Parse(dialect.Statements.CreateTable.Single());
        var tables = new ObjectNameCollector();
        create.Accept(tables);

        var columns = tables.Columns.ToDictionary(c => c.ColumnIdentifier.Value, c => c);
        columns.Keys.Should().Equal("Id", "Value", "ExpiresAtTime", "SlidingExpirationInSeconds", "AbsoluteExpiration");
        columns["Id"].Collation.Value.Should().Be("SQL_Latin1_General_CP1_CS_AS");
        Describe(columns["Id"]).Should().Be("NVarChar(449)");
        Describe(columns["Value"]).Should().Be("VarBinary(MAX)");
        Describe(columns["ExpiresAtTime"]).Should().Be("DateTimeOffset(7)");
        Describe(columns["SlidingExpirationInSeconds"]).Should().Be("BigInt");
        Describe(columns["AbsoluteExpiration"]).Should().Be("DateTimeOffset(7)");
        tables.Indexes.Should().ContainSingle().Which.Should().Be("Index_ExpiresAtTime");
    }

    private static string Describe(ColumnDefinition column)
    {
        var type = (SqlDataTypeReference)column.DataType;
        var size = type.Parameters.Count == 0 ? "" : "(" + string.Join(",", type.Parameters.Select(p => p.Value)) + ")";
        return type.SqlDataTypeOption + size;
    }

    private static TSqlFragment Parse(string sql)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        var fragment = parser.Parse(new StringReader(sql), out var errors);
        errors.Should().BeEmpty($"T-SQL must parse: {sql}\n{string.Join("\n", errors.Select(e => $"{e.Line}:{e.Column} {e.Message}"))}");
        return fragment;
    }

    private sealed class ObjectNameCollector : TSqlFragmentVisitor
    {
        public List<SchemaObjectName> TableNames { get; } = [];

        public List<Identifier> SchemaNames { get; } = [];

        public List<string> StringLiterals { get; } = [];

        public List<ColumnDefinition> Columns { get; } = [];

        public List<string> Indexes { get; } = [];

        public override void Visit(NamedTableReference node) => TableNames.Add(node.SchemaObject);

        public override void Visit(CreateTableStatement node) => TableNames.Add(node.SchemaObjectName);

        public override void Visit(CreateIndexStatement node)
        {
            TableNames.Add(node.OnName);
            Indexes.Add(node.Name.Value);
        }

        public override void Visit(CreateSchemaStatement node) => SchemaNames.Add(node.Name);

        public override void Visit(ColumnDefinition node) => Columns.Add(node);

        public override void Visit(StringLiteral node) => StringLiterals.Add(node.Value);
    }
}
