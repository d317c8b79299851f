using System.Data;
using System.Globalization;
using Dashboard.Data.Entities;

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
    private readonly SqlStatement _insert;
    private readonly SqlStatement _find;

    public TouchpointWriter(ImportSession session) : base(session)
    {
        _identities = new IdentityLookup(Prepare(IdentityLookup.Sql, IdentityLookup.Parameters));
        _campaigns = new CodeLookup(Prepare("SELECT \"Id\" FROM \"Campaigns\" WHERE \"Code\" = @code", ("@code", DbType.String)));
        _products = new CodeLookup(Prepare("SELECT \"Id\" FROM \"Products\" WHERE \"Sku\" = @code", ("@code", DbType.String)));
        _insert = Prepare("""
            INSERT INTO "Touchpoints" ("SourceId", "EventId", "CustomerId", "SourceIdentityId", "Type", "OccurredAtUtc",
                                       "DwellSeconds", "CampaignId", "ProductId", "ImportRunId")
            VALUES (@source, @eventId, @customer, @identity, @type, @occurredAt, @dwell, @campaign, @product, @run)
            ON CONFLICT ("SourceId", "EventId") DO NOTHING
            """,
            ("@source", DbType.Int32), ("@eventId", DbType.String), ("@customer", DbType.Int64), ("@identity", DbType.Int64),
            ("@type", DbType.Int32), ("@occurredAt", DbType.DateTime), ("@dwell", DbType.Int32), ("@campaign", DbType.Int32),
            ("@product", DbType.Int32), ("@run", DbType.Int64));
        _find = Prepare("""
            SELECT "SourceIdentityId", "Type", "OccurredAtUtc", "DwellSeconds", "CampaignId", "ProductId", "ImportRunId"
            FROM "Touchpoints" WHERE "SourceId" = @source AND "EventId" = @eventId
            """, ("@source", DbType.Int32), ("@eventId", DbType.String));
    }

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

        var values = new Values(buyer.Value.IdentityId, type.Value, occurredAt.Value, dwell, campaignId, productId);
        if (_insert.Bind(sourceId.Value, eventId, buyer.Value.CustomerId, values.IdentityId, (int)values.Type, values.OccurredAt,
                values.Dwell, values.CampaignId, values.ProductId, Session.RunId).Execute() == 1)
        {
            Inserted++;
            return;
        }
        using var reader = _find.Bind(sourceId.Value, eventId).ReadOne();
        reader.Read();
        if (!reader.IsDBNull(6) && reader.GetInt64(6) == Session.RunId)
        {
            row.Problem(EventId, $"duplicate touchpoint: event {ImportRow.Clip(eventId)} appears more than once in this file");
            return;
        }
        var stored = new Values(reader.GetInt64(0), (TouchpointType)reader.GetInt32(1), reader.GetDateTime(2),
            reader.IsDBNull(3) ? null : reader.GetInt32(3), reader.IsDBNull(4) ? null : reader.GetInt32(4), reader.IsDBNull(5) ? null : reader.GetInt32(5));
        if (stored.Same(values))
        {
            Unchanged++;
            return;
        }
        row.Problem(EventId, string.Create(CultureInfo.InvariantCulture,
            $"touchpoint {ImportRow.Clip(eventId)} is already stored with different values (stored: {stored.Describe()}; the file: {values.Describe()}); changing stored rows by import is not supported"));
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

    private sealed record Values(long IdentityId, TouchpointType Type, DateTime OccurredAt, int? Dwell, int? CampaignId, int? ProductId)
    {
        public bool Same(Values other) => IdentityId == other.IdentityId && Type == other.Type && SameTime(OccurredAt, other.OccurredAt)
            && Dwell == other.Dwell && CampaignId == other.CampaignId && ProductId == other.ProductId;

        public string Describe() => string.Create(CultureInfo.InvariantCulture,
            $"identity {IdentityId}, {Type}, {OccurredAt:yyyy-MM-ddTHH:mm:ssZ}, dwell {Dwell?.ToString(CultureInfo.InvariantCulture) ?? "-"}, campaign {CampaignId?.ToString(CultureInfo.InvariantCulture) ?? "-"}, product {ProductId?.ToString(CultureInfo.InvariantCulture) ?? "-"}");
    }
}

/// <summary>Id by code (campaign code, sku) through a bounded cache; unknown codes are not cached.</summary>
internal sealed class CodeLookup(SqlStatement select)
{
    private readonly BoundedCache<string, int> _cache = new(50_000, StringComparer.Ordinal);

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
