using System.Data;
using System.Data.Common;

namespace Dashboard.Data.Import;

/// <summary>
/// One prepared command with positional parameters, reused for every row (EF's change tracker is ~20x slower for
/// bulk loads). The SQL quotes identifiers and uses @parameters, ON CONFLICT and RETURNING, so it also runs on PostgreSQL.
/// </summary>
internal sealed class SqlStatement : IDisposable
{
    private readonly DbCommand _command;

    public SqlStatement(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, DbType Type)[] parameters)
    {
        _command = connection.CreateCommand();
        _command.Transaction = transaction;
        _command.CommandText = sql;
        foreach (var (name, type) in parameters)
        {
            var parameter = _command.CreateParameter();
            parameter.ParameterName = name;
            parameter.DbType = type;
            _command.Parameters.Add(parameter);
        }
        _command.Prepare();
    }

    public SqlStatement Bind(params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            _command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
        return this;
    }

    public int Execute() => _command.ExecuteNonQuery();

    /// <summary>The first column of the first row as a long, or null when there is no row (e.g. ON CONFLICT DO NOTHING RETURNING).</summary>
    public long? ScalarInt64() => _command.ExecuteScalar() is { } value and not DBNull ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : null;

    public DbDataReader ReadOne() => _command.ExecuteReader(CommandBehavior.SingleRow);

    public void Dispose() => _command.Dispose();
}

/// <summary>
/// An INSERT that gives back the new row's generated key, or null when ON CONFLICT DO NOTHING skipped the row.
/// On SQLite it runs the INSERT and then last_insert_rowid(): measured here, a RETURNING clause made each insert
/// about 2.5x as expensive (Microsoft.Data.Sqlite 10, SQLite 3.49). Other providers get "RETURNING key".
/// </summary>
internal sealed class InsertStatement : IDisposable
{
    private readonly SqlStatement _insert;
    private readonly SqlStatement? _lastRowId;

    public InsertStatement(DbConnection connection, DbTransaction? transaction, bool sqlite, string insertSql, string keyColumn,
        params (string Name, DbType Type)[] parameters)
    {
        _insert = new SqlStatement(connection, transaction, sqlite ? insertSql : $"{insertSql} RETURNING \"{keyColumn}\"", parameters);
        _lastRowId = sqlite ? new SqlStatement(connection, transaction, "SELECT last_insert_rowid()") : null;
    }

    public InsertStatement Bind(params object?[] values)
    {
        _insert.Bind(values);
        return this;
    }

    public long? Execute()
    {
        if (_lastRowId is null)
        {
            return _insert.ScalarInt64();
        }
        return _insert.Execute() == 1 ? _lastRowId.ScalarInt64() : null;
    }

    public void Dispose()
    {
        _insert.Dispose();
        _lastRowId?.Dispose();
    }
}

/// <summary>
/// A lookup cache that never grows past its capacity: when full it is emptied and refilled from the store, so
/// memory stays flat however large the file, while the usual case (repeating keys) stays in memory.
/// </summary>
internal sealed class BoundedCache<TKey, TValue>(int capacity, IEqualityComparer<TKey>? comparer = null)
    where TKey : notnull
{
    private readonly Dictionary<TKey, TValue> _items = new(comparer);

    public int Count => _items.Count;

    public IEnumerable<TValue> Values => _items.Values;

    public bool TryGet(TKey key, out TValue value) => _items.TryGetValue(key, out value!);

    /// <summary>Adds or replaces; returns true when the cache was full and had to be emptied first.</summary>
    public bool Put(TKey key, TValue value)
    {
        var emptied = false;
        if (_items.Count >= capacity && !_items.ContainsKey(key))
        {
            _items.Clear();
            emptied = true;
        }
        _items[key] = value;
        return emptied;
    }

    public void Clear() => _items.Clear();

    /// <summary>Empties the cache if <paramref name="count"/> more keys would not fit, so that a batch's keys, put next, all stay.</summary>
    public void MakeRoom(int count)
    {
        if (_items.Count + count > capacity)
        {
            _items.Clear();
        }
    }
}
