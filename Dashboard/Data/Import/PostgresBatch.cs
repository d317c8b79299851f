using Npgsql;

namespace Dashboard.Data.Import;

/// <summary>
/// PostgreSQL's batched import path. One statement per row costs a network round trip per row (bench import: 6,165
/// order lines per CPU second and minutes of waiting), so on PostgreSQL a writer reads a batch of records ahead, looks
/// up all of the batch's keys in one statement per table (array parameters joined with unnest), then checks and writes
/// the rows one by one in file order against what it loaded plus what the batch has written so far (the same checks,
/// in the same order, as the per-row path: the same problems), and writes the batch's new rows with binary COPY
/// (<see cref="PostgresCopy"/>) and its changes to stored rows with one UPDATE … FROM unnest per table. New rows get
/// ids from the tables' identity sequences (<see cref="IdBlock"/>), handed out in the order the rows are written.
/// Everything runs in the import's transaction: a rejected file still leaves nothing.
/// </summary>
internal static class PostgresBatch
{
    /// <summary>Records per batch: look-ups and COPY cost a few statements per batch, memory grows with it (a few MB here).</summary>
    public const int Rows = 20_000;

    /// <summary>
    /// Makes imports of one kind on this store wait for each other (until the transaction ends). Row by row, two imports
    /// of the same keys wait for each other row by row (ON CONFLICT); a batch decides from what it loaded and copies
    /// without ON CONFLICT, so an import that ran alongside would make the copy fail on a unique key instead.
    /// </summary>
    public static void LockKind(NpgsqlConnection connection, ImportKind kind) =>
        Execute(connection, "SELECT pg_advisory_xact_lock(hashtext('dashboard import'), $1)", (int)kind);

    /// <summary>Runs <paramref name="sql"/> with positional parameters ($1, $2, …: arrays or scalars) and calls <paramref name="row"/> for each row.</summary>
    public static void Read(NpgsqlConnection connection, string sql, object[] parameters, Action<NpgsqlDataReader> row)
    {
        using var command = Command(connection, sql, parameters);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            row(reader);
        }
    }

    public static int Execute(NpgsqlConnection connection, string sql, params object[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        return command.ExecuteNonQuery();
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, object[] parameters)
    {
        // Npgsql runs commands in the connection's open transaction (the import's).
        var command = new NpgsqlCommand(sql, connection);
        foreach (var value in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }
        return command;
    }
}

/// <summary>
/// Ids for new rows of one table, taken from its identity sequence (what an INSERT without an id would use) in
/// blocks and handed out in order, so rows get increasing ids in the order they are written, as with one INSERT per
/// row. A writer reserves what a batch will need; <see cref="Next"/> takes one more when the estimate fell short.
/// Where the per-row path runs an INSERT … ON CONFLICT DO NOTHING that finds the row stored, the writer takes an id
/// and drops it, because that INSERT uses one up on both engines (PostgreSQL evaluates the default before it sees
/// the conflict; SQLite's AUTOINCREMENT counter moves too): so a file gives the rows the same ids on either path.
/// Ids reserved and not used (only when a file has problems, and it is then rolled back) are skipped, as ids of
/// failed INSERTs are.
/// </summary>
internal sealed class IdBlock(NpgsqlConnection connection, string table)
{
    private readonly Queue<long> _ids = new();

    /// <summary>Takes <paramref name="count"/> more ids from the sequence (one statement).</summary>
    public void Reserve(int count)
    {
        if (count <= 0)
        {
            return;
        }
        PostgresBatch.Read(connection, "SELECT nextval(pg_get_serial_sequence($1, 'Id')) FROM generate_series(1, $2) ORDER BY 1",
            [$"\"{table}\"", count], r => _ids.Enqueue(r.GetInt64(0)));
    }

    public long Next()
    {
        if (_ids.Count == 0)
        {
            Reserve(1);
        }
        return _ids.Dequeue();
    }
}

/// <summary>
/// Rows of one table by key, as a batch knows them: loaded from the store (null: known to be absent) or written by
/// the batch. A key the batch's look-ahead did not load is loaded when asked for, so answers are always those of the
/// store plus the batch's pending writes.
/// </summary>
internal sealed class KnownRows<TKey, TValue>(Action<IReadOnlyList<TKey>, Action<TKey, TValue>> load)
    where TKey : notnull
    where TValue : class
{
    private readonly Dictionary<TKey, TValue?> _rows = [];

    /// <summary>The rows known to exist (loaded or written).</summary>
    public IEnumerable<TValue> Values => _rows.Values.OfType<TValue>();

    public TValue? this[TKey key]
    {
        get
        {
            if (!_rows.ContainsKey(key))
            {
                Load([key]);
            }
            return _rows[key];
        }
        set => _rows[key] = value;
    }

    /// <summary>Loads the keys not known yet, in one statement.</summary>
    public void Load(IEnumerable<TKey> keys)
    {
        var missing = keys.Where(k => !_rows.ContainsKey(k)).Distinct().ToList();
        if (missing.Count == 0)
        {
            return;
        }
        foreach (var key in missing)
        {
            _rows[key] = null;
        }
        load(missing, (key, value) => _rows[key] = value);
    }

    public void Clear() => _rows.Clear();
}
