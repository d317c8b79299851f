using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Dashboard.Data.Import;

/// <summary>
/// What a row writer needs: the open connection and transaction, the run id stamped on new rows, and reference data.
/// <paramref name="RawSqlite"/> is the same connection when per-row statements may use <see cref="SqliteRawStatement"/>, else null;
/// <paramref name="Copy"/> is the same connection when rows may go through PostgreSQL's batched COPY path, else null.
/// </summary>
internal sealed record ImportSession(DbConnection Connection, DbTransaction Transaction, bool IsSqlite, SqliteConnection? RawSqlite,
    NpgsqlConnection? Copy, long RunId, ReferenceCodes Codes, ImportProblems Problems, int CurrentYear)
{
    /// <summary>Records per batch on the COPY path (<see cref="PostgresBatch.Rows"/>; tests use tiny batches to cross their edges).</summary>
    public int CopyBatchRows { get; init; } = PostgresBatch.Rows;

    public SqlStatement Prepare(string sql, params (string Name, DbType Type)[] parameters) =>
        new(Connection, Transaction, sql, parameters);
}

/// <summary>The source and ad-channel codes files may name (seeded reference data; a handful of rows).</summary>
internal sealed class ReferenceCodes(IReadOnlyDictionary<string, int> sources, IReadOnlyDictionary<string, int> channels)
{
    public static async Task<ReferenceCodes> LoadAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct) =>
        new(await LoadAsync(connection, transaction, "SELECT \"Code\", \"Id\" FROM \"DataSources\"", ct),
            await LoadAsync(connection, transaction, "SELECT \"Code\", \"Id\" FROM \"AdChannels\"", ct));

    /// <summary>The source id for a code as a file gives it (trimmed here), or null; no problem is recorded (batch look-ahead).</summary>
    public int? SourceOf(string code) => sources.TryGetValue(code.Trim(), out var id) ? id : null;

    /// <summary>The source id for the code in <paramref name="column"/>, or null (with a problem) when unknown.</summary>
    public int? Source(ImportRow row, int column) => Resolve(row, column, sources, "source");

    public int? Channel(ImportRow row, int column) => Resolve(row, column, channels, "ad channel");

    private static int? Resolve(ImportRow row, int column, IReadOnlyDictionary<string, int> codes, string what)
    {
        var code = row.Required(column, 40);
        if (code.Length == 0)
        {
            return null;
        }
        if (codes.TryGetValue(code, out var id))
        {
            return id;
        }
        row.Problem(column, $"unknown {what} '{ImportRow.Clip(code)}': known codes are {string.Join(", ", codes.Keys.Order(StringComparer.Ordinal))}");
        return null;
    }

    private static async Task<IReadOnlyDictionary<string, int>> LoadAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(ct);
        var codes = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        while (await reader.ReadAsync(ct))
        {
            codes[reader.GetString(0)] = reader.GetInt32(1);
        }
        return codes;
    }
}

/// <summary>
/// Writes the rows of one kind of file inside the import's transaction. A row is either inserted, found unchanged
/// (the same key with identical values: re-imports change nothing), or gets a problem and is skipped. Writing goes on
/// after a problem so that later rows are still checked against what the file has added so far; the transaction is
/// rolled back at the end.
/// </summary>
internal abstract class RowWriter(ImportSession session) : IDisposable
{
    private readonly List<IDisposable> _statements = [];

    protected ImportSession Session => session;

    public long Inserted { get; protected set; }

    public long Unchanged { get; protected set; }

    /// <summary>How many records the importer reads ahead and hands to <see cref="Prefetch"/> before writing them one by one.</summary>
    public virtual int BatchRows => 1;

    /// <summary>
    /// Called with each batch of records before any of them is written (their values are raw: not checked yet), so
    /// the writer can look up the batch's keys in a few statements; it also writes what earlier batches left pending.
    /// </summary>
    public virtual void Prefetch(IReadOnlyList<CsvRecord> batch)
    {
    }

    public abstract void Write(ImportRow row);

    /// <summary>
    /// Writes anything held back (the last order, the last batch's pending rows); called once after the last row, also
    /// when there were problems.
    /// </summary>
    public virtual void EndOfFile()
    {
    }

    /// <summary>A sentence for the import run's message, beyond rows inserted and unchanged; null when nothing to add.</summary>
    public virtual string? Summary => null;

    public void Dispose()
    {
        foreach (var statement in _statements)
        {
            statement.Dispose();
        }
        GC.SuppressFinalize(this);
    }

    protected SqlStatement Prepare(string sql, params (string Name, DbType Type)[] parameters)
    {
        var statement = session.Prepare(sql, parameters);
        _statements.Add(statement);
        return statement;
    }

    /// <summary>Disposes <paramref name="statements"/> with the writer.</summary>
    protected T Own<T>(T statements)
        where T : IDisposable
    {
        _statements.Add(statements);
        return statements;
    }

    protected static bool SameTime(DateTime a, DateTime b) => a.Ticks == b.Ticks;
}

/// <summary>Finds the source identity (and its unified customer) behind (source, source_id), through a bounded cache.</summary>
internal sealed class IdentityLookup(SqlStatement select)
{
    public const string Sql = "SELECT \"Id\", \"CustomerId\" FROM \"SourceIdentities\" WHERE \"SourceId\" = @source AND \"ExternalId\" = @external";

    public static readonly (string Name, DbType Type)[] Parameters = [("@source", DbType.Int32), ("@external", DbType.String)];

    private readonly BoundedCache<(int SourceId, string ExternalId), (long IdentityId, long CustomerId)> _cache = new(200_000);

    /// <summary>
    /// PostgreSQL's batch path: loads the identities of <paramref name="keys"/> that are not cached in one statement,
    /// so that <see cref="Find"/> answers them from the cache (unknown keys still ask the store, and get a problem).
    /// </summary>
    public void Prefetch(NpgsqlConnection connection, IEnumerable<(int SourceId, string ExternalId)> keys)
    {
        var missing = keys.Where(k => !_cache.TryGet(k, out _)).Distinct().ToList();
        if (missing.Count == 0)
        {
            return;
        }
        _cache.MakeRoom(missing.Count);
        PostgresBatch.Read(connection, """
            SELECT k.s, k.e, i."Id", i."CustomerId"
            FROM unnest($1::integer[], $2::text[]) AS k(s, e)
            JOIN "SourceIdentities" i ON i."SourceId" = k.s AND i."ExternalId" = k.e
            """, [missing.Select(k => k.SourceId).ToArray(), missing.Select(k => k.ExternalId).ToArray()],
            r => _cache.Put((r.GetInt32(0), r.GetString(1)), (r.GetInt64(2), r.GetInt64(3))));
    }

    public (long IdentityId, long CustomerId)? Find(int sourceId, string externalId)
    {
        if (_cache.TryGet((sourceId, externalId), out var hit))
        {
            return hit;
        }
        using var reader = select.Bind(sourceId, externalId).ReadOne();
        if (!reader.Read())
        {
            return null;
        }
        var found = (reader.GetInt64(0), reader.GetInt64(1));
        _cache.Put((sourceId, externalId), found);
        return found;
    }
}
