using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.Domain.Identity;
using Dashboard.Features.Segments;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Features.Customers;

/// <summary>
/// The customer list: server-side search, filters, sort and paging in SQL over the Customers table, whose
/// profile summaries (orders, revenue, last order) identity resolution keeps up to date; every sortable column
/// has an index. Identifiers are searched through IdentityKeys (normalized, so any format matches) and source ids
/// through their index; names by prefix (an index range).
/// </summary>
public sealed partial class CustomerListService(IDbContextFactory<DashboardDbContext> dbFactory, ILogger<CustomerListService> logger)
{
    /// <summary>A filtered count stops here (counting a million filtered rows on every page costs more than the page).</summary>
    public const int CountCap = 10_000;

    private const int MaxIdentifierMatches = 200;

    public async Task<CustomerListPage> ListAsync(CustomersQuery q, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var sources = await db.DataSources.AsNoTracking().ToDictionaryAsync(s => s.Id, ct);
        var matches = q.Search is { } term ? await MatchIdentifiersAsync(db, term, sources, ct) : [];
        var query = Filter(db, q, matches.Keys.ToList(), sources);
        if (q.Segments is { } segments)
        {
            // Customers of a stored segment snapshot (the latest period unless the link names one).
            var selection = await SegmentMembership.SelectAsync(db, segments, ct);
            if (selection is null)
            {
                return new CustomerListPage([], 0, false);
            }
            var members = selection.CustomerIds;
            query = query.Where(c => members.Contains(c.Id));
        }

        var (total, capped) = q.HasFilters
            ? await CountCappedAsync(query, ct)
            : (await db.Customers.CountAsync(ct), false);
        var rows = await Sort(query, q.Sort, q.Descending)
            .Skip(q.Page * q.PageSize).Take(q.PageSize)
            .Select(c => new { c.Id, c.Name, c.City, c.CityTier, c.FirstSeenUtc, c.LastOrderUtc, c.OrderCount, c.Revenue })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var sourcesOf = (await db.SourceIdentities.AsNoTracking().Where(i => ids.Contains(i.CustomerId))
                .Select(i => new { i.CustomerId, i.SourceId }).Distinct().ToListAsync(ct))
            .GroupBy(x => x.CustomerId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(x => sources[x.SourceId].Code).Order(StringComparer.Ordinal)]);
        LogListed(logger, rows.Count, total);
        return new CustomerListPage(
            [.. rows.Select(r => new CustomerRow(r.Id, r.Name, r.City, r.CityTier, r.FirstSeenUtc, r.LastOrderUtc, r.OrderCount, r.Revenue,
                sourcesOf.GetValueOrDefault(r.Id) ?? [], matches.GetValueOrDefault(r.Id)))],
            total, capped);
    }

    public async Task<IReadOnlyList<SourceOption>> SourcesAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.DataSources.AsNoTracking().OrderBy(s => s.Id).Select(s => new SourceOption(s.Code, s.Name)).ToListAsync(ct);
    }

    /// <summary>The identifiers currently blocked from merging, most shared first, values masked.</summary>
    public async Task<IReadOnlyList<BlockedIdentifierRow>> BlockedAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.IdentifierBlocks.AsNoTracking().OrderByDescending(b => b.Records).ThenBy(b => b.Kind).Take(500).ToListAsync(ct);
        return [.. rows.Select(b => new BlockedIdentifierRow(((IdentifierKind)b.Kind).Code(), IdentifierMask.Mask((IdentifierKind)b.Kind, b.Value) ?? "",
            b.Records, b.Reason, b.UpdatedUtc))];
    }

    private static IQueryable<Customer> Filter(DashboardDbContext db, CustomersQuery q, List<long> matchedIds, Dictionary<int, DataSource> sources)
    {
        var query = db.Customers.AsNoTracking();
        if (q.Search is { } term)
        {
            // Name prefix as an index range: [term, term + U+FFFF).
            var upper = term + "\uffff";
            query = query.Where(c => matchedIds.Contains(c.Id)
                || (c.Name != null && string.Compare(c.Name, term) >= 0 && string.Compare(c.Name, upper) < 0));
        }
        if (q.Source is { } code)
        {
            var sourceId = sources.Values.FirstOrDefault(s => s.Code == code)?.Id ?? -1;
            query = query.Where(c => db.SourceIdentities.Any(i => i.SourceId == sourceId && i.CustomerId == c.Id));
        }
        if (q.CityTier is { } tier)
        {
            query = query.Where(c => c.CityTier == tier);
        }
        // The scan-in-sort-order hint (a collation on the compared column) is for SQLite's planner; PostgreSQL's
        // chooses between the two indexes from its statistics, and has no collations on timestamps.
        var hints = db.Database.IsSqlite();
        var seen = (From: q.SeenFrom is { } sf ? Utc(sf) : (DateTime?)null, To: q.SeenTo is { } st ? Utc(st.AddDays(1)) : (DateTime?)null);
        if (hints && ScanInSortOrder(seen, q.Sort, CustomerSort.FirstSeen))
        {
            query = query.Where(c => (seen.From == null || EF.Functions.Collate(c.FirstSeenUtc, NoIndex).CompareTo(seen.From.Value) >= 0)
                && (seen.To == null || EF.Functions.Collate(c.FirstSeenUtc, NoIndex).CompareTo(seen.To.Value) < 0));
        }
        else
        {
            query = query.Where(c => (seen.From == null || c.FirstSeenUtc >= seen.From) && (seen.To == null || c.FirstSeenUtc < seen.To));
        }
        var bought = (From: q.BoughtFrom is { } bf ? Utc(bf) : (DateTime?)null, To: q.BoughtTo is { } bt ? Utc(bt.AddDays(1)) : (DateTime?)null);
        if (hints && ScanInSortOrder(bought, q.Sort, CustomerSort.LastOrder))
        {
            query = query.Where(c => c.LastOrderUtc != null
                && (bought.From == null || EF.Functions.Collate(c.LastOrderUtc.Value, NoIndex).CompareTo(bought.From.Value) >= 0)
                && (bought.To == null || EF.Functions.Collate(c.LastOrderUtc.Value, NoIndex).CompareTo(bought.To.Value) < 0));
        }
        else
        {
            query = query.Where(c => (bought.From == null || c.LastOrderUtc >= bought.From) && (bought.To == null || c.LastOrderUtc < bought.To));
        }
        return query;
    }

    // RTRIM compares ISO date texts exactly as BINARY does, but an index in BINARY order cannot serve it.
    private const string NoIndex = "RTRIM";

    // A wide date range sorted by another column: reading the sort column's index and skipping rows outside the range
    // finds a page after a few hundred rows, where the range's index would collect and sort every row in the range
    // (0.7 s for three months of 1.2M customers, measured with bench customers). Narrow ranges keep their index.
    private static bool ScanInSortOrder((DateTime? From, DateTime? To) range, CustomerSort sort, CustomerSort rangeColumn) =>
        (range.From is not null || range.To is not null) && sort != rangeColumn
        && (range.To ?? DateTime.MaxValue) - (range.From ?? DateTime.MinValue) > TimeSpan.FromDays(WideRangeDays);

    private const int WideRangeDays = 14;

    private static IQueryable<Customer> Sort(IQueryable<Customer> query, CustomerSort sort, bool descending) => (sort, descending) switch
    {
        (CustomerSort.Name, false) => query.OrderBy(c => c.Name).ThenBy(c => c.Id),
        (CustomerSort.Name, true) => query.OrderByDescending(c => c.Name).ThenByDescending(c => c.Id),
        (CustomerSort.FirstSeen, false) => query.OrderBy(c => c.FirstSeenUtc).ThenBy(c => c.Id),
        (CustomerSort.FirstSeen, true) => query.OrderByDescending(c => c.FirstSeenUtc).ThenByDescending(c => c.Id),
        (CustomerSort.LastOrder, false) => query.OrderBy(c => c.LastOrderUtc).ThenBy(c => c.Id),
        (CustomerSort.LastOrder, true) => query.OrderByDescending(c => c.LastOrderUtc).ThenByDescending(c => c.Id),
        (CustomerSort.Revenue, false) => query.OrderBy(c => c.Revenue).ThenBy(c => c.Id),
        (CustomerSort.Revenue, true) => query.OrderByDescending(c => c.Revenue).ThenByDescending(c => c.Id),
        (_, true) => query.OrderByDescending(c => c.Id),
        _ => query.OrderBy(c => c.Id),
    };

    private static async Task<(int Total, bool Capped)> CountCappedAsync(IQueryable<Customer> query, CancellationToken ct)
    {
        var count = await query.Select(c => c.Id).Take(CountCap + 1).CountAsync(ct);
        return count > CountCap ? (CountCap, true) : (count, false);
    }

    // Which customers carry the searched value as a phone, e-mail, member number (normalized, any format) or source id.
    private static async Task<Dictionary<long, IdentifierMatch>> MatchIdentifiersAsync(
        DashboardDbContext db, string term, Dictionary<int, DataSource> sources, CancellationToken ct)
    {
        var matches = new Dictionary<long, IdentifierMatch>();
        var keys = new List<(IdentifierKind Kind, string Value)>();
        if (term.Any(char.IsAsciiDigit) && !term.Any(char.IsLetter) && IdentifierNormalizer.Phone(term) is { } phone)
        {
            keys.Add((IdentifierKind.Phone, phone));
        }
        if (term.Contains('@') && IdentifierNormalizer.Email(term) is { } email)
        {
            keys.Add((IdentifierKind.Email, email));
        }
        if (IdentifierNormalizer.MemberNo(term) is { } member)
        {
            keys.Add((IdentifierKind.MemberNo, member));
        }
        foreach (var (kind, value) in keys)
        {
            var k = (int)kind;
            var customers = await db.IdentityKeys.AsNoTracking().Where(x => x.Kind == k && x.Value == value)
                .Join(db.SourceIdentities, x => x.SourceIdentityId, i => i.Id, (x, i) => i.CustomerId)
                .Distinct().Take(MaxIdentifierMatches).ToListAsync(ct);
            foreach (var customer in customers)
            {
                matches.TryAdd(customer, new IdentifierMatch(kind.Code(), IdentifierMask.Mask(kind, value) ?? ""));
            }
        }
        var external = await db.SourceIdentities.AsNoTracking().Where(i => i.ExternalId == term)
            .Select(i => new { i.CustomerId, i.SourceId, i.ExternalId }).Take(MaxIdentifierMatches).ToListAsync(ct);
        foreach (var i in external)
        {
            matches.TryAdd(i.CustomerId, new IdentifierMatch("source_id", IdentifierMask.Id(i.ExternalId) ?? "", sources[i.SourceId].Code));
        }
        return matches;
    }

    private static DateTime Utc(DateOnly day) => day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    [LoggerMessage(LogLevel.Debug, "Listed {Rows} of {Total} customers")]
    private static partial void LogListed(ILogger logger, int rows, int total);
}
