using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace Dashboard.Data;

/// <summary>
/// Bulk loads into PostgreSQL with binary COPY (Npgsql's <see cref="NpgsqlBinaryImporter"/>), the engine's own fast
/// path (https://www.npgsql.org/doc/copy.html): rows stream in one protocol message flow, with no statement per row.
/// Rows are buffered and copied in batches, because a connection can run only one COPY at a time while a bulk writer
/// fills several tables in turn; <see cref="Flush"/> writes the buffer (callers flush parents before children so
/// foreign keys hold). Values are converted to the column's type, read from the catalog (binary COPY is strict:
/// an int sent to a bigint column is an error). DateTime values are UTC by the store's convention (…Utc columns):
/// unspecified kinds are taken as UTC, as SQLite stores them.
/// </summary>
internal sealed class PostgresCopy
{
    private readonly NpgsqlConnection _connection;
    private readonly string _copySql;
    private readonly (NpgsqlDbType Type, Func<object, object> Convert)[] _columns;
    private readonly List<object?[]> _buffer = [];
    private readonly int _batchRows;

    public PostgresCopy(NpgsqlConnection connection, string table, IReadOnlyList<string> columns, int batchRows = 20_000)
    {
        _connection = connection;
        _batchRows = batchRows;
        var types = ColumnTypes(connection, table);
        _columns = columns.Select(c => types.TryGetValue(c, out var t)
            ? Mapping(t, table, c)
            : throw new InvalidOperationException($"Table \"{table}\" has no column \"{c}\".")).ToArray();
        _copySql = $"COPY \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)";
    }

    /// <summary>Rows copied so far.</summary>
    public long Copied { get; private set; }

    /// <summary>Whether the buffer is full (the caller flushes it, with its parents first).</summary>
    public bool Full => _buffer.Count >= _batchRows;

    public void Add(ReadOnlySpan<object?> values)
    {
        if (values.Length != _columns.Length)
        {
            throw new ArgumentException($"Expected {_columns.Length} values, got {values.Length}.", nameof(values));
        }
        _buffer.Add(values.ToArray());
    }

    /// <summary>Copies the buffered rows (one COPY) and empties the buffer.</summary>
    public void Flush()
    {
        if (_buffer.Count == 0)
        {
            return;
        }
        using (var importer = _connection.BeginBinaryImport(_copySql))
        {
            foreach (var row in _buffer)
            {
                importer.StartRow();
                for (var i = 0; i < row.Length; i++)
                {
                    if (row[i] is { } value and not DBNull)
                    {
                        importer.Write(_columns[i].Convert(value), _columns[i].Type);
                    }
                    else
                    {
                        importer.WriteNull();
                    }
                }
            }
            Copied += (long)importer.Complete();
        }
        _buffer.Clear();
    }

    private static Dictionary<string, string> ColumnTypes(NpgsqlConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        // to_regclass follows the search path, so temporary tables are found too.
        command.CommandText = """
            SELECT a.attname, a.atttypid::regtype::text FROM pg_attribute a
            WHERE a.attrelid = to_regclass(@table) AND a.attnum > 0 AND NOT a.attisdropped
            """;
        command.Parameters.AddWithValue("table", $"\"{table}\"");
        using var reader = command.ExecuteReader();
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            types[reader.GetString(0)] = reader.GetString(1);
        }
        return types.Count > 0 ? types : throw new InvalidOperationException($"Table \"{table}\" does not exist.");
    }

    private static (NpgsqlDbType, Func<object, object>) Mapping(string type, string table, string column) => type switch
    {
        "bigint" => (NpgsqlDbType.Bigint, v => Convert.ToInt64(v, CultureInfo.InvariantCulture)),
        "integer" => (NpgsqlDbType.Integer, v => Convert.ToInt32(v, CultureInfo.InvariantCulture)),
        "smallint" => (NpgsqlDbType.Smallint, v => Convert.ToInt16(v, CultureInfo.InvariantCulture)),
        "double precision" => (NpgsqlDbType.Double, v => Convert.ToDouble(v, CultureInfo.InvariantCulture)),
        "real" => (NpgsqlDbType.Real, v => Convert.ToSingle(v, CultureInfo.InvariantCulture)),
        "numeric" => (NpgsqlDbType.Numeric, v => Convert.ToDecimal(v, CultureInfo.InvariantCulture)),
        "boolean" => (NpgsqlDbType.Boolean, v => Convert.ToBoolean(v, CultureInfo.InvariantCulture)),
        "text" or "character varying" => (NpgsqlDbType.Text, v => Convert.ToString(v, CultureInfo.InvariantCulture)!),
        "timestamp with time zone" => (NpgsqlDbType.TimestampTz, v => Utc((DateTime)v)),
        "date" => (NpgsqlDbType.Date, v => v is DateTime d ? DateOnly.FromDateTime(d) : (DateOnly)v),
        "bytea" => (NpgsqlDbType.Bytea, v => (byte[])v),
        _ => throw new NotSupportedException($"Column \"{table}\".\"{column}\" has type {type}, which bulk loads do not handle yet."),
    };

    private static object Utc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
