using System.Data;
using System.Globalization;
using Dashboard.Data.Entities;
using Npgsql;

namespace Dashboard.Data.Import;

/// <summary>touchpoints files: one row per event, keyed by (source, event_id). Campaign and sku are optional but must exist when given.</summary>
internal sealed class TouchpointWriter : RowWriter
{
    private const int Source = 0, EventId = 1, SourceId = 2, Type = 3, OccurredAt = 4, DwellSeconds = 5, Campaign = 6, Sku = 7;

    private static readonly Dictionary<string, TouchpointType> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        ["impression"] = TouchpointType.Impression,
        ["click"] = TouchpointType.Click,
        ["visit"] = TouchpointType.Visit,
        ["message_sent"] = TouchpointType.MessageSent,
        ["message_opened"] = TouchpointType.MessageOpened,
        ["add_to_cart"] = TouchpointType.AddToCart,
    };

    private readonly IdentityLookup _identities;
    private readonly CodeLookup _campaigns;
    private readonly CodeLookup _products;
    private readonly TouchpointStore _store;

    public TouchpointWriter(ImportSession session) : base(session)
    {
        _identities = new IdentityLookup(Prepare(IdentityLookup.Sql, IdentityLookup.Parameters));
        _campaigns = new CodeLookup(Prepare("SELECT \"Id\" FROM \"Campaigns\" WHERE \"Code\" = @code", ("@code", DbType.String)));
        _products = new CodeLookup(Prepare("SELECT \"Id\" FROM \"Products\" WHERE \"Sku\" = @code", ("@code", DbType.String)));
        _store = Own(TouchpointStore.Create(session));
    }

    public override int BatchRows => _store.BatchRows;

    public override void Prefetch(IReadOnlyList<CsvRecord> batch) => _store.Prefetch(batch, Session.Codes, _identities, _campaigns, _products);

    public override void EndOfFile() => _store.Flush();

    public override void Write(ImportRow row)
    {
        var sourceId = Session.Codes.Source(row, Source);
        var eventId = row.Required(EventId, 80);
        var externalId = row.Required(SourceId, 100);
        var type = ParseType(row);
        var occurredAt = row.Date(OccurredAt, required: true);
        var dwell = row.Whole(DwellSeconds, false, 0, int.MaxValue);
        var campaignCode = row.Text(Campaign, 40);
        var sku = row.Text(Sku, 60);
        if (row.HasProblems || sourceId is null || type is null || occurredAt is null)
        {
            return;
        }
        var campaignId = campaignCode is null ? null : _campaigns.Find(campaignCode);
        if (campaignCode is not null && campaignId is null)
        {
            row.Problem(Campaign, $"unknown campaign '{ImportRow.Clip(campaignCode)}': create the campaign first or leave the column empty");
        }
        var productId = sku is null ? null : _products.Find(sku);
        if (sku is not null && productId is null)
        {
            row.Problem(Sku, $"unknown sku '{ImportRow.Clip(sku)}': products come from orders files; import those first or leave the column empty");
        }
        var buyer = _identities.Find(sourceId.Value, externalId);
        if (buyer is null)
        {
            row.Problem(SourceId, $"unknown customer {row.Raw(Source).Trim()}/{ImportRow.Clip(externalId)}: import customers first (a customers file with this source and source_id)");
        }
        if (row.HasProblems || buyer is null)
        {
            return;
        }

        var values = new TouchpointValues(buyer.Value.IdentityId, type.Value, occurredAt.Value, dwell, campaignId, productId);
        if (_store.Insert(sourceId.Value, eventId, buyer.Value.CustomerId, values))
        {
            Inserted++;
            return;
        }
        var stored = _store.Find(sourceId.Value, eventId);
        if (stored.ImportRunId == Session.RunId)
        {
            row.Problem(EventId, $"duplicate touchpoint: event {ImportRow.Clip(eventId)} appears more than once in this file");
            return;
        }
        if (stored.Values.Same(values))
        {
            Unchanged++;
            return;
        }
        row.Problem(EventId, string.Create(CultureInfo.InvariantCulture,
            $"touchpoint {ImportRow.Clip(eventId)} is already stored with different values (stored: {stored.Values.Describe()}; the file: {values.Describe()}); changing stored rows by import is not supported"));
    }

    private static TouchpointType? ParseType(ImportRow row)
    {
        var text = row.Required(Type, 20);
        if (text.Length == 0)
        {
            return null;
        }
        if (Types.TryGetValue(text, out var type))
        {
            return type;
        }
        row.Problem(Type, $"unknown touchpoint type '{ImportRow.Clip(text)}': use one of {string.Join(", ", Types.Keys)}");
        return null;
    }
}

/// <summary>Id by code (campaign code, sku) through a bounded cache; unknown codes are not cached.</summary>
internal sealed class CodeLookup(SqlStatement select)
{
    private readonly BoundedCache<string, int> _cache = new(50_000, StringComparer.Ordinal);

    /// <summary>
    /// PostgreSQL's batch path: loads the ids of <paramref name="codes"/> (empty ones skipped) that are not cached with
    /// <paramref name="sql"/> (code and id of the rows whose code is in the array $1), so <see cref="Find"/> answers them from the cache.
    /// </summary>
    public void Prefetch(NpgsqlConnection connection, string sql, IEnumerable<string> codes)
    {
        var missing = codes.Where(c => c.Length > 0 && !_cache.TryGet(c, out _)).Distinct(StringComparer.Ordinal).ToArray();
        if (missing.Length == 0)
        {
            return;
        }
        _cache.MakeRoom(missing.Length);
        PostgresBatch.Read(connection, sql, [missing], r => _cache.Put(r.GetString(0), r.GetInt32(1)));
    }

    public int? Find(string code)
    {
        if (_cache.TryGet(code, out var id))
        {
            return id;
        }
        if (select.Bind(code).ScalarInt64() is not { } found)
        {
            return null;
        }
        _cache.Put(code, (int)found);
        return (int)found;
    }
}
