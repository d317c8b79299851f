using System.Data;
using System.Data.Common;
using System.Globalization;
using Dashboard.Data.Entities;
using Npgsql;

namespace Dashboard.Data.Import;

/// <summary>The values of one touchpoint besides its key and customer.</summary>
internal sealed record TouchpointValues(long IdentityId, TouchpointType Type, DateTime OccurredAt, int? Dwell, int? CampaignId, int? ProductId)
{
    public bool Same(TouchpointValues other) => IdentityId == other.IdentityId && Type == other.Type && OccurredAt.Ticks == other.OccurredAt.Ticks
        && Dwell == other.Dwell && CampaignId == other.CampaignId && ProductId == other.ProductId;

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"identity {IdentityId}, {Type}, {OccurredAt:yyyy-MM-ddTHH:mm:ssZ}, dwell {Dwell?.ToString(CultureInfo.InvariantCulture) ?? "-"}, campaign {CampaignId?.ToString(CultureInfo.InvariantCulture) ?? "-"}, product {ProductId?.ToString(CultureInfo.InvariantCulture) ?? "-"}");
}

/// <summary>A stored touchpoint and the import run that added it.</summary>
internal sealed record StoredTouchpoint(TouchpointValues Values, long? ImportRunId);

/// <summary>
/// What the touchpoints import reads from and writes to the store; <see cref="TouchpointWriter"/> holds the rules. Row
/// by row every call is a statement; on PostgreSQL the batch's identities, campaigns, skus and events are loaded in one
/// statement each and new touchpoints are written with binary COPY after the batch (<see cref="PostgresBatch"/>).
/// </summary>
internal abstract class TouchpointStore : IDisposable
{
    private const string SelectTouchpoint = """
        SELECT "SourceIdentityId", "Type", "OccurredAtUtc", "DwellSeconds", "CampaignId", "ProductId", "ImportRunId", "SourceId", "EventId"
        FROM "Touchpoints"
        """;

    public static TouchpointStore Create(ImportSession session) =>
        session.Copy is { } postgres ? new CopyStore(postgres, session.RunId, session.CopyBatchRows) : new RowByRow(session);

    /// <inheritdoc cref="RowWriter.BatchRows"/>
    public virtual int BatchRows => 1;

    /// <summary>Writes what is pending and loads what the batch's rows will ask about (warming the writer's lookups too).</summary>
    public virtual void Prefetch(IReadOnlyList<CsvRecord> batch, ReferenceCodes codes, IdentityLookup identities, CodeLookup campaigns, CodeLookup products)
    {
    }

    /// <summary>Writes what is pending (after the last row).</summary>
    public virtual void Flush()
    {
    }

    /// <summary>Inserts a touchpoint; false when (source, event id) is already stored.</summary>
    public abstract bool Insert(int sourceId, string eventId, long customerId, TouchpointValues values);

    /// <summary>The stored touchpoint (source, event id); it exists (an insert of it was just refused).</summary>
    public abstract StoredTouchpoint Find(int sourceId, string eventId);

    public abstract void Dispose();

    private static StoredTouchpoint Read(DbDataReader reader) => new(
        new TouchpointValues(reader.GetInt64(0), (TouchpointType)reader.GetInt32(1), reader.GetDateTime(2),
            reader.IsDBNull(3) ? null : reader.GetInt32(3), reader.IsDBNull(4) ? null : reader.GetInt32(4), reader.IsDBNull(5) ? null : reader.GetInt32(5)),
        reader.IsDBNull(6) ? null : reader.GetInt64(6));

    private sealed class RowByRow : TouchpointStore
    {
        private readonly long _runId;
        private readonly SqlStatement _insert;
        private readonly SqlStatement _find;

        public RowByRow(ImportSession session)
        {
            _runId = session.RunId;
            _insert = session.Prepare("""
                INSERT INTO "Touchpoints" ("SourceId", "EventId", "CustomerId", "SourceIdentityId", "Type", "OccurredAtUtc",
                                           "DwellSeconds", "CampaignId", "ProductId", "ImportRunId")
                VALUES (@source, @eventId, @customer, @identity, @type, @occurredAt, @dwell, @campaign, @product, @run)
                ON CONFLICT ("SourceId", "EventId") DO NOTHING
                """,
                ("@source", DbType.Int32), ("@eventId", DbType.String), ("@customer", DbType.Int64), ("@identity", DbType.Int64),
                ("@type", DbType.Int32), ("@occurredAt", DbType.DateTime), ("@dwell", DbType.Int32), ("@campaign", DbType.Int32),
                ("@product", DbType.Int32), ("@run", DbType.Int64));
            _find = session.Prepare(SelectTouchpoint + """ WHERE "SourceId" = @source AND "EventId" = @eventId""",
                ("@source", DbType.Int32), ("@eventId", DbType.String));
        }

        public override bool Insert(int sourceId, string eventId, long customerId, TouchpointValues values) =>
            _insert.Bind(sourceId, eventId, customerId, values.IdentityId, (int)values.Type, values.OccurredAt,
                values.Dwell, values.CampaignId, values.ProductId, _runId).Execute() == 1;

        public override StoredTouchpoint Find(int sourceId, string eventId)
        {
            using var reader = _find.Bind(sourceId, eventId).ReadOne();
            reader.Read();
            return Read(reader);
        }

        public override void Dispose()
        {
            _insert.Dispose();
            _find.Dispose();
        }
    }

    private sealed class CopyStore(NpgsqlConnection connection, long runId, int batchRows) : TouchpointStore
    {
        private const int Source = 0, EventId = 1, SourceId = 2, Campaign = 6, Sku = 7;

        private readonly IdBlock _ids = new(connection, "Touchpoints");
        private readonly PostgresCopy _copy = new(connection, "Touchpoints",
            ["Id", "SourceId", "EventId", "CustomerId", "SourceIdentityId", "Type", "OccurredAtUtc", "DwellSeconds", "CampaignId", "ProductId", "ImportRunId"]);

        private readonly KnownRows<(int SourceId, string EventId), StoredTouchpoint> _known = new((keys, found) =>
            PostgresBatch.Read(connection, SelectTouchpoint + """
                 JOIN unnest($1::integer[], $2::text[]) AS k(s, e) ON "SourceId" = k.s AND "EventId" = k.e
                """, [keys.Select(k => k.SourceId).ToArray(), keys.Select(k => k.EventId).ToArray()],
                r => found((r.GetInt32(7), r.GetString(8)), Read(r))));

        public override int BatchRows => batchRows;

        public override void Prefetch(IReadOnlyList<CsvRecord> batch, ReferenceCodes codes, IdentityLookup identities, CodeLookup campaigns, CodeLookup products)
        {
            Flush();
            var readable = batch.Where(r => r.Readable).ToList();
            var rows = readable
                .Select(r => (Source: codes.SourceOf(r.Values[Source]), Event: r.Trimmed(EventId), External: r.Trimmed(SourceId)))
                .Where(r => r.Source is not null)
                .Select(r => (Source: r.Source!.Value, r.Event, r.External))
                .ToList();
            identities.Prefetch(connection, rows.Select(r => (r.Source, r.External)));
            campaigns.Prefetch(connection, """SELECT "Code", "Id" FROM "Campaigns" WHERE "Code" = ANY($1::text[])""", readable.Select(r => r.Trimmed(Campaign)));
            products.Prefetch(connection, """SELECT "Sku", "Id" FROM "Products" WHERE "Sku" = ANY($1::text[])""", readable.Select(r => r.Trimmed(Sku)));
            _known.Load(rows.Select(r => (r.Source, r.Event)));
            // An insert per row, stored or not (IdBlock).
            _ids.Reserve(rows.Count);
        }

        public override void Flush()
        {
            _copy.Flush();
            _known.Clear();
        }

        public override bool Insert(int sourceId, string eventId, long customerId, TouchpointValues values)
        {
            if (_known[(sourceId, eventId)] is not null)
            {
                _ids.Next();
                return false;
            }
            _copy.Add([_ids.Next(), sourceId, eventId, customerId, values.IdentityId, (int)values.Type, values.OccurredAt,
                values.Dwell, values.CampaignId, values.ProductId, runId]);
            _known[(sourceId, eventId)] = new StoredTouchpoint(values, runId);
            return true;
        }

        public override StoredTouchpoint Find(int sourceId, string eventId) => _known[(sourceId, eventId)]!;

        public override void Dispose()
        {
        }
    }
}
