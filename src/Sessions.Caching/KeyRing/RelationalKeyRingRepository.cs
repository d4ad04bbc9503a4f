using System.Data;
using System.Data.Common;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sessions.Caching.Diagnostics;
using Sessions.Caching.Dialects;
using Sessions.Caching.Provisioning;

namespace Sessions.Caching.KeyRing;

/// <summary>
/// The data-protection key ring in a small table beside the sessions, one set of rows per application name, so
/// every instance that shares the database and the name reads the same keys. Data protection calls it
/// synchronously and caches what it reads, so it is read rarely.
/// </summary>
public sealed class RelationalKeyRingRepository : IXmlRepository
{
    private readonly SqlDialect _dialect;
    private readonly KeyRingStatements _sql;
    private readonly string _applicationName;
    private readonly bool _createTable;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private bool _tableReady;

    /// <param name="createTable">Create the key table on first use when it is missing (the cache's CreateTable).</param>
    public RelationalKeyRingRepository(SqlDialect dialect, string keyTableName, string applicationName, bool createTable, ILogger? logger = null)
    {
        _logger = logger ?? NullLogger.Instance;
        _dialect = dialect;
        _sql = dialect.KeyRingStatements(keyTableName)
            ?? throw new NotSupportedException($"The {dialect.StoreName} store keeps no key table; keep its key ring in a folder.");
        _applicationName = applicationName;
        _createTable = createTable;
    }

    /// <summary>True for the stores that can keep a key table (SQL Server, PostgreSQL).</summary>
    public static bool IsSupportedBy(SqlDialect dialect) => dialect.KeyRingStatements("probe") is not null;

    public string QualifiedTableName => _sql.QualifiedTableName;

    public IReadOnlyCollection<XElement> GetAllElements() =>
        Run(command =>
        {
            command.CommandText = _sql.SelectAll;
            AddText(command, "App", _applicationName, 200);
            var elements = new List<XElement>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                elements.Add(XElement.Parse(reader.GetString(0)));
            }

            return elements;
        });

    public void StoreElement(XElement element, string friendlyName) =>
        Run(command =>
        {
            command.CommandText = _sql.Insert;
            AddText(command, "App", _applicationName, 200);
            AddText(command, "Name", friendlyName, 200);
            AddText(command, "Xml", element.ToString(SaveOptions.DisableFormatting), -1);
            var now = command.CreateParameter();
            now.ParameterName = "Now";
            now.DbType = DbType.DateTimeOffset;
            now.Value = DateTimeOffset.UtcNow;
            command.Parameters.Add(now);
            return command.ExecuteNonQuery();
        });

    /// <summary>
    /// Creates the key table when missing; safe to repeat, and to run from several servers at once (the one that loses
    /// the race runs it again and finds the table). Returns the DDL it ran.
    /// </summary>
    public string CreateTable()
    {
        // Synchronous all the way down (data protection calls this repository synchronously), so the task is complete here.
        _dialect.CreateAsync(
            () =>
            {
                using var connection = _dialect.CreateConnection();
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = _sql.CreateTable;
                command.ExecuteNonQuery();
                return ValueTask.CompletedTask;
            },
            (attempt, error) => Log.CreationRaced(_logger, _sql.QualifiedTableName, _dialect.StoreName, attempt, error)).AsTask().GetAwaiter().GetResult();
        return _sql.CreateTable;
    }

    private T Run<T>(Func<DbCommand, T> work)
    {
        EnsureTable();
        try
        {
            using var connection = _dialect.CreateConnection();
            connection.Open();
            using var command = connection.CreateCommand();
            return work(command);
        }
        catch (DbException ex) when (_dialect.IsMissingTable(ex))
        {
            throw new SessionTableMissingException(_sql.QualifiedTableName, _dialect.StoreName, ex);
        }
    }

    private void EnsureTable()
    {
        if (!_createTable || _tableReady)
        {
            return;
        }

        lock (_gate)
        {
            if (!_tableReady)
            {
                CreateTable();
                _tableReady = true;
            }
        }
    }

    private static void AddText(DbCommand command, string name, string value, int size)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = DbType.String;
        parameter.Size = size;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
