using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data.Import;

/// <summary>
/// Imports one CSV file (layouts in <see cref="CsvLayouts"/>, docs/import.md) in one transaction: every row is
/// applied, or none is and the report names each problem's line and column. The file is read as a stream, row by
/// row, with bounded lookup caches, so memory stays flat with file size. Each import is recorded as an ImportRun,
/// rejected ones too; the rows it adds carry its id.
/// </summary>
public sealed class CsvImporter(IDbContextFactory<DashboardDbContext> dbFactory, TimeProvider clock, IEnumerable<IImportFollowUp>? followUps = null)
{
    /// <summary>Problems collected before reading stops.</summary>
    public const int MaxProblems = 100;

    /// <summary>Progress is reported every this many rows.</summary>
    public const int ProgressEvery = 10_000;

    // How long an orders line is taken to be when estimating how many lines a file adds (the bench file's are ~90
    // bytes; real ones with Chinese product names are longer): the estimate errs low, towards not deferring.
    private const int AssumedBytesPerLine = 128;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: true, throwOnInvalidBytes: true);

    /// <summary>
    /// On SQLite the per-row statements of the orders import go straight through SQLitePCLRaw (<see cref="SqliteRawStatement"/>);
    /// false uses ADO.NET for everything, as on other providers (tests compare the two).
    /// </summary>
    internal bool RawSqlite { get; init; } = true;

    /// <summary>
    /// On PostgreSQL the customers, orders and touchpoints imports look up each batch of rows in a few statements and
    /// write new rows with binary COPY (<see cref="PostgresBatch"/>); false runs one statement per row, as before (tests compare the two).
    /// </summary>
    internal bool PostgresCopy { get; init; } = true;

    /// <summary>Records per batch on PostgreSQL's COPY path.</summary>
    internal int PostgresBatchRows { get; init; } = PostgresBatch.Rows;

    /// <summary>
    /// On SQLite, an orders file of a known length estimated to add at least this many lines, and at least twice as
    /// many as the store holds, has the order indexes built once at the end (<see cref="DeferredIndexes"/>).
    /// </summary>
    internal long DeferIndexesFromLines { get; init; } = DeferIndexesFromLinesDefault;

    internal const long DeferIndexesFromLinesDefault = 50_000;

    /// <summary>
    /// Imports <paramref name="content"/> (read to its end, not disposed). <paramref name="fileName"/> is only used in
    /// the report and the run record. Cancellation rolls back and records the run as cancelled.
    /// </summary>
    public async Task<ImportReport> ImportAsync(ImportKind kind, Stream content, string fileName, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        var started = clock.GetTimestamp();
        var totalBytes = content.CanSeek ? content.Length - content.Position : (long?)null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var connection = db.Database.GetDbConnection();
        var sqlite = db.Database.IsSqlite();
        if (sqlite)
        {
            // For the length of the import: a 64 MiB page cache, so the indexes a big file writes to stay in memory,
            // and no foreign-key checks. Every id this importer writes comes from a lookup or an insert in the same
            // transaction (SQLite holds the write lock), so the checks cannot fail; skipping them saved ~15% of the
            // time per order line here. Both are per-connection settings and are restored below.
            Pragma(connection, "PRAGMA cache_size = -65536; PRAGMA foreign_keys = OFF;");
        }
        var problems = new ImportProblems(MaxProblems);
        var outcome = new Outcome();
        var status = "failed";
        long runId = 0;
        try
        {
            ct.ThrowIfCancellationRequested();
            runId = StartRun(connection, kind, fileName);
            await using (var transaction = await connection.BeginTransactionAsync(ct))
            {
                var codes = await ReferenceCodes.LoadAsync(connection, transaction, ct);
                var session = new ImportSession(connection, transaction, sqlite, RawSqlite ? connection as SqliteConnection : null,
                    PostgresCopy ? connection as Npgsql.NpgsqlConnection : null, runId, codes, problems, clock.GetUtcNow().Year)
                {
                    CopyBatchRows = PostgresBatchRows,
                };
                if (session.Copy is { } postgres)
                {
                    PostgresBatch.LockKind(postgres, kind);
                }
                // A big orders file builds the non-unique order indexes once, at the end, still inside this transaction.
                var deferred = sqlite && kind == ImportKind.Orders && WorthDeferring(connection, transaction, totalBytes)
                    ? DeferredIndexes.Drop(connection, transaction, "Orders", "OrderLines")
                    : null;
                using var writer = CreateWriter(kind, session);
                await ReadAsync(kind, content, writer, problems, outcome, totalBytes, progress, ct);
                writer.EndOfFile();
                ct.ThrowIfCancellationRequested();
                if (problems.Any)
                {
                    await transaction.RollbackAsync(CancellationToken.None);
                    status = "rejected";
                }
                else
                {
                    deferred?.Restore();
                    outcome.Inserted = writer.Inserted;
                    outcome.Unchanged = writer.Unchanged;
                    outcome.Summary = writer.Summary;
                    FinishRun(connection, transaction, runId, "succeeded", outcome, Message(outcome, problems));
                    await transaction.CommitAsync(CancellationToken.None);
                    status = "succeeded";
                }
            }
        }
        catch (OperationCanceledException)
        {
            status = "cancelled";
            throw;
        }
        finally
        {
            if (runId != 0 && status != "succeeded")
            {
                // The data was rolled back; the run record says why, in its own transaction.
                FinishRun(connection, null, runId, status, outcome with { Inserted = 0, Unchanged = 0 },
                    status == "rejected" ? Message(outcome, problems) : $"{status} after {outcome.RowsRead} rows; nothing was written");
            }
            if (sqlite)
            {
                Pragma(connection, "PRAGMA foreign_keys = ON; PRAGMA cache_size = -2000;");
            }
        }

        var succeeded = status == "succeeded";
        if (succeeded)
        {
            // Derived data that depends on what came in (identity resolution after a customers import).
            foreach (var followUp in followUps ?? [])
            {
                await followUp.AfterImportAsync(kind, runId, ct);
            }
        }
        return new ImportReport(kind, fileName, succeeded, outcome.RowsRead, succeeded ? outcome.Inserted : 0, succeeded ? outcome.Unchanged : 0,
            problems.Items, clock.GetElapsedTime(started))
        {
            ImportRunId = runId,
        };
    }

    private static RowWriter CreateWriter(ImportKind kind, ImportSession session) => kind switch
    {
        ImportKind.Customers => new CustomerWriter(session),
        ImportKind.Orders => new OrderWriter(session),
        ImportKind.Touchpoints => new TouchpointWriter(session),
        ImportKind.Spend => new SpendWriter(session),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static async Task ReadAsync(ImportKind kind, Stream content, RowWriter writer, ImportProblems problems, Outcome outcome,
        long? totalBytes, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var layout = CsvLayouts.For(kind);
        var tracked = new Utf8TrackingStream(content);
        using var text = new StreamReader(tracked, StrictUtf8, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16, leaveOpen: true);
        var badData = false;
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            BufferSize = 1 << 16,
            // CsvHelper's field cache keeps every distinct value it has seen (order numbers, event ids): memory would
            // grow with the file (measured: +47 MB live heap at 1M order lines), so it stays off.
            CacheFields = false,
            BadDataFound = _ => badData = true,
        };
        using var parser = new CsvParser(text, configuration);
        var row = new ImportRow(layout, problems);
        // Records are read a batch at a time (one record unless the writer asks for more: PostgreSQL's COPY path),
        // so the writer can look up the batch's keys in a few statements before any of its rows is written. Rows
        // are then checked and written one by one, in file order, exactly as without batches.
        var records = new CsvRecord[Math.Max(1, writer.BatchRows)];
        CsvRecord current = null!;
        Func<long> locate = () => current.EndLine - row.NewlinesInValues();
        int[]? map;
        long? notUtf8Line = null;
        try
        {
            if (!await parser.ReadAsync())
            {
                problems.Add(1, null, $"the file is empty: expected a header row with the columns {string.Join(",", layout)}");
                return;
            }
            map = ReadHeader(parser, layout, problems);
        }
        catch (Exception ex) when (NotUtf8Line(ex, tracked) is { } line)
        {
            (map, notUtf8Line) = (null, line);
        }
        while (map is not null && notUtf8Line is null)
        {
            var count = 0;
            try
            {
                badData = false;
                while (count < records.Length && await parser.ReadAsync())
                {
                    var record = records[count++] ??= new CsvRecord(map.Length);
                    // CsvHelper checks quoting as fields are read, so the flag is set (or not) by now.
                    record.Read(parser, map);
                    record.BadQuoting = badData;
                    badData = false;
                }
            }
            catch (Exception ex) when (NotUtf8Line(ex, tracked) is { } line)
            {
                notUtf8Line = line;
            }
            if (count == 0)
            {
                break;
            }
            var batch = new ArraySegment<CsvRecord>(records, 0, count);
            writer.Prefetch(batch);
            foreach (var record in batch)
            {
                outcome.RowsRead++;
                current = record;
                row.Reset(locate, record.Values);
                if (record.FieldCount != map.Length)
                {
                    problems.Add(row.Line, null, $"the row has {record.FieldCount} fields but the header has {map.Length}");
                }
                else if (record.BadQuoting)
                {
                    problems.Add(row.Line, null, "malformed quoting: a field that contains a quote must be enclosed in quotes, with inner quotes doubled");
                }
                else
                {
                    writer.Write(row);
                }
                if (problems.Full)
                {
                    problems.AddStopped(row.Line);
                    return;
                }
                if (outcome.RowsRead % ProgressEvery == 0)
                {
                    ct.ThrowIfCancellationRequested();
                    progress?.Report(new ImportProgress(outcome.RowsRead, tracked.BytesRead, totalBytes));
                }
            }
        }
        if (notUtf8Line is { } at)
        {
            problems.Add(at, null, $"the file is not valid UTF-8 near line {at} (save it as UTF-8; GBK/ANSI exports are not supported)");
            return;
        }
        if (map is null)
        {
            return;
        }
        if (outcome.RowsRead == 0)
        {
            problems.Add(2, null, "the file has a header but no rows");
        }
        progress?.Report(new ImportProgress(outcome.RowsRead, tracked.BytesRead, totalBytes));
    }

    /// <summary>The line near an invalid UTF-8 byte, when <paramref name="ex"/> is the decoder's complaint (directly or through CsvHelper).</summary>
    private static long? NotUtf8Line(Exception ex, Utf8TrackingStream tracked) => ex switch
    {
        DecoderFallbackException direct => tracked.LineOfByteInLastChunk(direct.Index),
        CsvHelperException { InnerException: DecoderFallbackException inner } => tracked.LineOfByteInLastChunk(inner.Index),
        _ => null,
    };

    /// <summary>Maps each layout column to its position in the file; null (with problems) when the column set is not exactly the layout's.</summary>
    private static int[]? ReadHeader(CsvParser parser, IReadOnlyList<string> layout, ImportProblems problems)
    {
        var positions = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var ok = true;
        var expected = string.Join(",", layout);
        for (var i = 0; i < parser.Count; i++)
        {
            var name = (parser[i] ?? "").Trim();
            if (!layout.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                problems.Add(1, name, $"unexpected column '{ImportRow.Clip(name)}': the columns are exactly {expected} (any order)");
                ok = false;
            }
            else if (!positions.TryAdd(name, i))
            {
                problems.Add(1, name, $"column '{name}' appears twice in the header");
                ok = false;
            }
        }
        foreach (var column in layout.Where(c => !positions.ContainsKey(c)))
        {
            problems.Add(1, column, $"missing column '{column}': the columns are exactly {expected} (any order)");
            ok = false;
        }
        return ok ? layout.Select(c => positions[c]).ToArray() : null;
    }

    private bool WorthDeferring(DbConnection connection, DbTransaction transaction, long? totalBytes)
    {
        if (totalBytes is null)
        {
            return false;
        }
        using var stored = new SqlStatement(connection, transaction, "SELECT max(\"Id\") FROM \"OrderLines\"");
        return ShouldDeferIndexes(totalBytes, stored.ScalarInt64() ?? 0, DeferIndexesFromLines);
    }

    /// <summary>
    /// Whether an orders file of <paramref name="bytes"/> (null: unknown length) should have the order indexes built at the end, given about
    /// <paramref name="storedLines"/> lines already stored: a first load or a big backfill. Building an index at the
    /// end cost about 60% of inserting its entries row by row (bench import), but it covers the stored rows too, so
    /// the file must bring at least two thirds of them.
    /// </summary>
    internal static bool ShouldDeferIndexes(long? bytes, long storedLines, long fromLines)
    {
        var lines = bytes / AssumedBytesPerLine;
        return lines >= fromLines && lines >= 2 * storedLines;
    }

    private static void Pragma(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    // The run record is written synchronously: ADO.NET providers' async paths add nothing for single statements here.
    private long StartRun(DbConnection connection, ImportKind kind, string fileName)
    {
        using var insert = new SqlStatement(connection, null, """
            INSERT INTO "ImportRuns" ("Kind", "FileName", "StartedUtc", "RowsRead", "RowsInserted", "RowsUnchanged", "Status")
            VALUES (@kind, @file, @started, 0, 0, 0, 'running')
            RETURNING "Id"
            """, ("@kind", DbType.String), ("@file", DbType.String), ("@started", DbType.DateTime));
        var name = fileName.Length <= 260 ? fileName : "…" + fileName[^259..];
        return insert.Bind(kind.Code(), name, clock.GetUtcNow().UtcDateTime).ScalarInt64()!.Value;
    }

    private void FinishRun(DbConnection connection, DbTransaction? transaction, long runId, string status, Outcome outcome, string message)
    {
        using var update = new SqlStatement(connection, transaction, """
            UPDATE "ImportRuns" SET "FinishedUtc" = @finished, "RowsRead" = @read, "RowsInserted" = @inserted,
                "RowsUnchanged" = @unchanged, "Status" = @status, "Message" = @message
            WHERE "Id" = @id
            """,
            ("@finished", DbType.DateTime), ("@read", DbType.Int64), ("@inserted", DbType.Int64), ("@unchanged", DbType.Int64),
            ("@status", DbType.String), ("@message", DbType.String), ("@id", DbType.Int64));
        update.Bind(clock.GetUtcNow().UtcDateTime, outcome.RowsRead, outcome.Inserted, outcome.Unchanged, status, message, runId).Execute();
    }

    private static string Message(Outcome outcome, ImportProblems problems)
    {
        if (problems.Any)
        {
            var first = problems.Items[0];
            var where = first.Column is null ? $"line {first.Line}" : $"line {first.Line}, {first.Column}";
            return string.Create(CultureInfo.InvariantCulture,
                $"rejected: {problems.Items.Count} problem(s) after {outcome.RowsRead} rows; nothing was written. First: {where}: {first.Problem}");
        }
        var text = string.Create(CultureInfo.InvariantCulture, $"{outcome.RowsRead} rows: {outcome.Inserted} inserted, {outcome.Unchanged} unchanged");
        return outcome.Summary is null ? text : $"{text}; {outcome.Summary}";
    }

    private sealed record Outcome
    {
        public long RowsRead { get; set; }

        public long Inserted { get; set; }

        public long Unchanged { get; set; }

        public string? Summary { get; set; }
    }
}
