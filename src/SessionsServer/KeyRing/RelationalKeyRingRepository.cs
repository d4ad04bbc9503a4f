using System.Data;
using System.Data.Common;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Data.SqlClient;
using Npgsql;
using Sessions.Caching.Provisioning;

namespace SessionsServer.KeyRing;

/// <summary>
/// The data-protection key ring in a small table beside the sessions (SQL Server or PostgreSQL), one set of
/// rows per application name, so every instance that shares the database and the name reads the same keys.
/// </summary>
internal sealed class RelationalKeyRingRepository : IXmlRepository
{
    private readonly KeyRingSql _sql;
    private readonly string _applicationName;
    private readonly bool _createTable;
    private readonly Lock _gate = new();
    private bool _tableReady;

    public RelationalKeyRingRepository(KeyRingSql sql, string applicationName, bool createTable)
    {
        _sql = sql;
        _applicationName = applicationName;
        _createTable = createTable;
    }

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

    /// <summary>Creates the key table when missing; safe to repeat. Returns the DDL it ran.</summary>
    public string CreateTable()
    {
        using var connection = _sql.CreateConnection();
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = _sql.CreateTable;
        command.ExecuteNonQuery();
        return _sql.CreateTable;
    }

    private T Run<T>(Func<DbCommand, T> work)
    {
        EnsureTable();
        try
        {
            using var connection = _sql.CreateConnection();
            connection.Open();
            using var command = connection.CreateCommand();
            return work(command);
        }
        catch (DbException ex) when (IsMissingTable(ex))
        {
            throw new SessionTableMissingException(_sql.QualifiedTableName, _sql.StoreName, ex);
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

    // SQL Server says 208; engines that keep PostgreSQL's wording say "relation ... does not exist".
    private static bool IsMissingTable(DbException error) => error switch
    {
        SqlException sql => sql.Number == 208 || sql.Message.Contains("does not exist", StringComparison.Ordinal),
        PostgresException postgres => postgres.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName,
        _ => false,
    };
}
