using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Dashboard.Data;

/// <summary>
/// A statement prepared directly with SQLitePCLRaw (the binding Microsoft.Data.Sqlite is built on) on an open
/// <see cref="SqliteConnection"/>, for statements run once per row of a bulk write (the CSV import's per-row statements,
/// model-run snapshot rows). Through ADO.NET each call
/// boxes its values, binds parameters by name, creates a data reader and, for a new key, runs a second statement
/// for last_insert_rowid(); for the orders import that was ~15% of its CPU time (bench import, 1,000,000 lines).
/// This binds by position from typed values and reuses one UTF-8 buffer, so a row allocates nothing.
/// <para>
/// Invariants it relies on: the connection is open and stays open until <see cref="Dispose"/>; the statement runs on
/// the connection's own handle, so it is inside whatever transaction the connection has begun (SQLite has one
/// transaction per connection); parameters are numbered 1..N in the order they first appear in the SQL (plain
/// @names, each used once, or ?1..?N); values are stored exactly as Microsoft.Data.Sqlite stores them (integers, REAL,
/// UTF-8 TEXT, and DateTime as TEXT "yyyy-MM-dd HH:mm:ss.FFFFFFF"), so EF Core reads them back unchanged.
/// </para>
/// </summary>
internal sealed class SqliteRawStatement : IDisposable
{
    // Microsoft.Data.Sqlite's (and EF Core's) text form of a DateTime: SqliteValueBinder.
    private const string DateTimeFormat = @"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF";

    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private byte[] _utf8 = new byte[256];

    public SqliteRawStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("the connection must be open");
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
    }

    /// <summary>Binds parameter <paramref name="index"/> (1-based).</summary>
    public SqliteRawStatement Bind(int index, long value)
    {
        Check(raw.sqlite3_bind_int64(_statement, index, value));
        return this;
    }

    public SqliteRawStatement Bind(int index, double value)
    {
        Check(raw.sqlite3_bind_double(_statement, index, value));
        return this;
    }

    public SqliteRawStatement Bind(int index, string value)
    {
        var needed = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (needed > _utf8.Length)
        {
            _utf8 = new byte[needed];
        }
        var length = Encoding.UTF8.GetBytes(value, _utf8);
        // The span overload binds with SQLITE_TRANSIENT: SQLite copies the bytes, so the buffer is free again at once.
        Check(raw.sqlite3_bind_text(_statement, index, _utf8.AsSpan(0, length)));
        return this;
    }

    public SqliteRawStatement Bind(int index, DateTime value)
    {
        if (!value.TryFormat(_utf8, out var length, DateTimeFormat, CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException("a date did not fit the buffer");
        }
        Check(raw.sqlite3_bind_text(_statement, index, _utf8.AsSpan(0, length)));
        return this;
    }

    public SqliteRawStatement BindNull(int index)
    {
        Check(raw.sqlite3_bind_null(_statement, index));
        return this;
    }

    /// <summary>
    /// Binds a provider value as Microsoft.Data.Sqlite would store it: integers (and bool, enums without a converter)
    /// as INTEGER, floating point as REAL, text, DateTime and DateOnly ("yyyy-MM-dd") as TEXT, null as NULL.
    /// </summary>
    public SqliteRawStatement BindValue(int index, object? value) => value switch
    {
        null => BindNull(index),
        string s => Bind(index, s),
        double d => Bind(index, d),
        float f => Bind(index, (double)f),
        long l => Bind(index, l),
        int i => Bind(index, i),
        short h => Bind(index, h),
        byte b => Bind(index, b),
        bool b => Bind(index, b ? 1L : 0L),
        DateTime t => Bind(index, t),
        DateOnly d => Bind(index, d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        Enum e => Bind(index, Convert.ToInt64(e, CultureInfo.InvariantCulture)),
        _ => throw new NotSupportedException($"Binding a {value.GetType().Name} is not supported."),
    };

    /// <summary>Runs a statement that returns no rows; the number of rows it changed (0 when ON CONFLICT DO NOTHING skipped it).</summary>
    public int Execute()
    {
        var rc = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (rc != raw.SQLITE_DONE)
        {
            Check(rc == raw.SQLITE_ROW ? raw.SQLITE_MISUSE : rc);
        }
        return raw.sqlite3_changes(_db);
    }

    /// <summary>The rowid of the row the last successful INSERT on this connection added.</summary>
    public long LastInsertRowId() => raw.sqlite3_last_insert_rowid(_db);

    public void Dispose() => _statement.Dispose();

    private void Check(int rc) => SqliteException.ThrowExceptionForRC(rc, _db);
}
