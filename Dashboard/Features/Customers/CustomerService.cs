using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.Data.Identity;
using Dashboard.Domain.Identity;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Features.Customers;

/// <summary>
/// The single customer view: profile, identities (masked, with the identifier that linked each), KPIs, preferences,
/// the cross-channel timeline, and the operator's split (through <see cref="IdentityService"/>).
/// </summary>
public sealed partial class CustomerService(
    IDbContextFactory<DashboardDbContext> dbFactory, IdentityService identity, Lifetime.LifetimeService lifetime, ILogger<CustomerService> logger)
{
    /// <summary>The customer's view, or null when there is no such customer (see <see cref="MergedIntoAsync"/>).</summary>
    public async Task<CustomerView?> LoadAsync(long id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var customer = await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (customer is null)
        {
            return null;
        }
        var sources = await db.DataSources.AsNoTracking().ToDictionaryAsync(s => s.Id, ct);
        var identities = await db.SourceIdentities.AsNoTracking().Where(i => i.CustomerId == id).OrderBy(i => i.FirstSeenUtc).ThenBy(i => i.Id).ToListAsync(ct);
        var byId = identities.ToDictionary(i => i.Id);
        var rows = identities.Select(i => ToRow(i, sources, byId)).ToList();
        var categories = await db.OrderLines.AsNoTracking().Where(l => l.Order!.CustomerId == id)
            .GroupBy(l => l.Product!.Category)
            .Select(g => new PreferenceSlice(g.Key, g.Sum(l => l.Amount), g.Sum(l => l.Quantity)))
            .ToListAsync(ct);
        var orders = await db.Orders.AsNoTracking().Where(o => o.CustomerId == id).GroupBy(o => o.SourceId)
            .Select(g => new { g.Key, Orders = g.Count(), Revenue = g.Sum(o => o.Total) }).ToListAsync(ct);
        var touches = await db.Touchpoints.AsNoTracking().Where(t => t.CustomerId == id).GroupBy(t => t.SourceId)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var channels = orders.Select(o => o.Key).Union(touches.Select(t => t.Key)).Select(s => new ChannelPreference(
                sources[s].Name, orders.FirstOrDefault(o => o.Key == s)?.Orders ?? 0, orders.FirstOrDefault(o => o.Key == s)?.Revenue ?? 0,
                touches.FirstOrDefault(t => t.Key == s)?.Count ?? 0))
            .OrderByDescending(c => c.Revenue).ThenByDescending(c => c.Touchpoints).ToList();
        var splits = await db.IdentitySplits.AsNoTracking().Where(s => s.CustomerId == id).OrderByDescending(s => s.CreatedUtc)
            .Select(s => new SplitRecord(s.CreatedUtc, s.CreatedBy, s.Reason, s.Members.Count(m => m.SplitOff))).ToListAsync(ct);
        var snapshot = await db.CustomerSegmentSnapshots.AsNoTracking().Where(s => s.CustomerId == id)
            .OrderByDescending(s => s.PeriodEnd).FirstOrDefaultAsync(ct);
        var hasLifetime = await lifetime.ForCustomerAsync(id, ct) is not null;
        LogLoaded(logger, id, identities.Count);
        return new CustomerView(
            new CustomerProfile(customer.Id, customer.Name, customer.Gender, customer.BirthYear, customer.City, customer.CityTier,
                customer.FirstSeenUtc, customer.AcquisitionSourceId is { } a ? sources[a].Name : null,
                customer.ConsentSms, customer.ConsentEmail, customer.ConsentPush, customer.ConsentAds,
                [.. identities.Select(i => sources[i.SourceId].Name).Distinct()]),
            rows,
            Kpis(customer),
            [.. categories.OrderByDescending(c => c.Revenue)],
            channels,
            splits)
        {
            HasLifetime = hasLifetime,
            Segments = snapshot is null ? null : new CustomerSegmentView(
                snapshot.PeriodEnd, snapshot.Segment,
                snapshot.R is { } r && snapshot.F is { } f && snapshot.M is { } m ? $"{r}{f}{m}" : null,
                snapshot.Tier, snapshot.Stage,
                snapshot.VapValue is { } value && snapshot.VapAttrition is { } attrition && snapshot.VapPotential is { } potential
                    ? Segments.SegmentKeys.CellKey(value, attrition, potential) : null,
                snapshot.VapStrategy, snapshot.PAlive, snapshot.PredictedClv),
        };
    }

    /// <summary>The profile a merged-away customer id now lives in, or null.</summary>
    public async Task<long?> MergedIntoAsync(long id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.CustomerMerges.AsNoTracking().Where(m => m.AbsorbedCustomerId == id).Select(m => (long?)m.SurvivorCustomerId).SingleOrDefaultAsync(ct);
    }

    /// <summary>One page of the customer's orders and touchpoints across channels, newest first.</summary>
    public async Task<TimelinePage> TimelineAsync(long id, CustomerQuery q, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var sources = await db.DataSources.AsNoTracking().ToDictionaryAsync(s => s.Id, ct);
        var sourceId = q.Channel is { } code ? sources.Values.FirstOrDefault(s => s.Code == code)?.Id ?? -1 : (int?)null;
        var wantOrders = q.Type is null or "order";
        TouchpointType? touchType = q.Type is null or "order" ? null : Enum.Parse<TouchpointType>(q.Type, ignoreCase: true);
        var take = (q.Page + 1) * CustomerQuery.TimelinePageSize;

        var orders = db.Orders.AsNoTracking().Where(o => o.CustomerId == id && (sourceId == null || o.SourceId == sourceId));
        var touches = db.Touchpoints.AsNoTracking().Where(t => t.CustomerId == id && (sourceId == null || t.SourceId == sourceId)
            && (touchType == null || t.Type == touchType));
        var entries = new List<TimelineEntry>();
        var total = 0;
        if (wantOrders)
        {
            total += await orders.CountAsync(ct);
            entries.AddRange((await orders.OrderByDescending(o => o.PlacedAtUtc).Take(take)
                    .Select(o => new { o.PlacedAtUtc, o.SourceId, o.OrderNo, o.LineCount, o.Total }).ToListAsync(ct))
                .Select(o => new TimelineEntry(o.PlacedAtUtc, "order", sources[o.SourceId].Code, sources[o.SourceId].Name,
                    $"{o.OrderNo} · {o.LineCount}", o.Total)));
        }
        if (q.Type != "order")
        {
            total += await touches.CountAsync(ct);
            entries.AddRange((await touches.OrderByDescending(t => t.OccurredAtUtc).Take(take)
                    .Select(t => new { t.OccurredAtUtc, t.SourceId, t.Type, Campaign = t.Campaign!.Name, Product = t.Product!.Name }).ToListAsync(ct))
                .Select(t => new TimelineEntry(t.OccurredAtUtc, Camel(t.Type.ToString()), sources[t.SourceId].Code, sources[t.SourceId].Name,
                    string.Join(" · ", new[] { t.Campaign, t.Product }.Where(x => x is not null)), null)));
        }
        var page = entries.OrderByDescending(e => e.AtUtc).Skip(q.Page * CustomerQuery.TimelinePageSize).Take(CustomerQuery.TimelinePageSize).ToList();
        return new TimelinePage(page, total);
    }

    /// <summary>
    /// The phones and e-mails of the customer's identities in clear, by identity id: for a role allowed to see them. The
    /// caller checks the role and writes the audit entry.
    /// </summary>
    public async Task<IReadOnlyDictionary<long, RevealedIdentifiers>> RevealAsync(long id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.SourceIdentities.AsNoTracking().Where(i => i.CustomerId == id)
            .ToDictionaryAsync(i => i.Id, i => new RevealedIdentifiers(i.Phone, i.Email), ct);
    }

    /// <summary>Splits the given identities off the customer's profile (an operator's decision, kept for later runs).</summary>
    public Task<IdentityRunResult> SplitAsync(long id, IReadOnlyCollection<long> identityIds, string? reason, CancellationToken ct) =>
        identity.SplitAsync(id, identityIds, "operator", reason, ct);

    private static CustomerKpis Kpis(Customer c) => new(
        c.OrderCount,
        c.Revenue,
        c.OrderCount > 0 ? c.Revenue / c.OrderCount : null,
        c.FirstOrderUtc,
        c.LastOrderUtc,
        c.OrderCount > 1 && c.FirstOrderUtc is { } first && c.LastOrderUtc is { } last ? (last - first).TotalDays / (c.OrderCount - 1) : null);

    private static IdentityRow ToRow(SourceIdentity i, Dictionary<int, DataSource> sources, Dictionary<long, SourceIdentity> byId)
    {
        var kind = i.LinkedByKind switch
        {
            "phone" => IdentifierKind.Phone,
            "email" => IdentifierKind.Email,
            _ => IdentifierKind.MemberNo,
        };
        var linkedTo = i.LinkedToId is { } to && byId.TryGetValue(to, out var other)
            ? $"{sources[other.SourceId].Name} {IdentifierMask.Id(other.ExternalId)}"
            : null;
        return new IdentityRow(i.Id, sources[i.SourceId].Code, sources[i.SourceId].Name, IdentifierMask.Id(i.ExternalId) ?? "",
            Masked(IdentifierKind.Phone, i.Phone), Masked(IdentifierKind.Email, i.Email), Masked(IdentifierKind.MemberNo, i.MemberNo), i.FirstSeenUtc,
            i.LinkedToId, linkedTo, i.LinkedByKind, i.LinkedByKind is null ? null : IdentifierMask.Mask(kind, i.LinkedByValue));
    }

    // Masks the normalized value (the same phone reads the same whatever format the source wrote it in).
    private static string? Masked(IdentifierKind kind, string? raw) =>
        IdentifierMask.Mask(kind, IdentifierNormalizer.Normalize(kind, raw) ?? raw);

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    [LoggerMessage(LogLevel.Debug, "Loaded customer {Id} with {Identities} identities")]
    private static partial void LogLoaded(ILogger logger, long id, int identities);
}
