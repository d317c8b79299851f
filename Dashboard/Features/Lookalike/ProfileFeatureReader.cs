using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.Domain.Audiences;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Features.Lookalike;

/// <summary>
/// Builds the lookalike model's <see cref="ProfileFeatureTable"/> from the store: one row per customer (prospects
/// included), every aggregate computed in SQL with GROUP BY customer and streamed into per-customer slots, so orders
/// and touchpoints never load as rows. Events at or after <c>asOfUtc</c> are left out.
/// </summary>
internal static class ProfileFeatureReader
{
    /// <summary>The table's categories (product categories, ordinal order) and sources (data source codes, by id).</summary>
    public static async Task<ProfileFeatureTable> ReadAsync(DashboardDbContext db, DateTime asOfUtc, CancellationToken ct)
    {
        var categories = await db.Products.AsNoTracking().Select(p => p.Category).Distinct().ToListAsync(ct);
        categories.Sort(StringComparer.Ordinal);
        var sources = await db.DataSources.AsNoTracking().OrderBy(s => s.Id).Select(s => new { s.Id, s.Code }).ToListAsync(ct);
        var categoryIndex = categories.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);
        var sourceIndex = sources.Select((s, i) => (s.Id, i)).ToDictionary(x => x.Id, x => x.i);

        var slots = new Dictionary<long, Slot>();
        await foreach (var c in db.Customers.AsNoTracking().OrderBy(c => c.Id)
            .Select(c => new { c.Id, c.Gender, c.BirthYear, c.CityTier, c.FirstSeenUtc }).AsAsyncEnumerable().WithCancellation(ct))
        {
            slots[c.Id] = new Slot(categories.Count, sources.Count)
            {
                Gender = c.Gender switch { "F" => ProfileGender.Female, "M" => ProfileGender.Male, _ => ProfileGender.Unknown },
                Age = c.BirthYear is { } year && asOfUtc.Year - year is >= 0 and <= 130 ? asOfUtc.Year - year : null,
                CityTier = c.CityTier is >= 1 and <= 5 ? c.CityTier : null,
                FirstSeenUtc = c.FirstSeenUtc,
            };
        }

        await foreach (var o in db.Orders.AsNoTracking().Where(o => o.PlacedAtUtc < asOfUtc)
            .GroupBy(o => o.CustomerId)
            .Select(g => new { CustomerId = g.Key, Count = g.Count(), Spend = g.Sum(o => o.Total), Last = g.Max(o => o.PlacedAtUtc) })
            .AsAsyncEnumerable().WithCancellation(ct))
        {
            if (slots.TryGetValue(o.CustomerId, out var s))
            {
                (s.OrderCount, s.TotalSpend, s.LastOrderUtc) = (o.Count, o.Spend, o.Last);
            }
        }

        // Category shares are shares of line spend (what the customer spent on each category over all categories).
        await foreach (var l in db.OrderLines.AsNoTracking().Where(l => l.Order!.PlacedAtUtc < asOfUtc)
            .GroupBy(l => new { l.Order!.CustomerId, l.Product!.Category })
            .Select(g => new { g.Key.CustomerId, g.Key.Category, Amount = g.Sum(l => l.Amount) })
            .AsAsyncEnumerable().WithCancellation(ct))
        {
            if (slots.TryGetValue(l.CustomerId, out var s) && l.Amount > 0)
            {
                s.CategorySpend[categoryIndex[l.Category]] += l.Amount;
            }
        }

        await foreach (var t in db.Touchpoints.AsNoTracking().Where(t => t.OccurredAtUtc < asOfUtc)
            .GroupBy(t => new { t.CustomerId, t.Type })
            .Select(g => new { g.Key.CustomerId, g.Key.Type, Count = g.Count(), Dwell = g.Sum(t => (long?)t.DwellSeconds) ?? 0, Last = g.Max(t => t.OccurredAtUtc) })
            .AsAsyncEnumerable().WithCancellation(ct))
        {
            if (!slots.TryGetValue(t.CustomerId, out var s))
            {
                continue;
            }
            switch (t.Type)
            {
                case TouchpointType.Impression: s.Impressions += t.Count; break;
                case TouchpointType.Click: s.Clicks += t.Count; break;
                case TouchpointType.Visit: s.Visits += t.Count; s.DwellSeconds += t.Dwell; break;
                case TouchpointType.MessageOpened: s.MessagesOpened += t.Count; break;
                case TouchpointType.AddToCart: s.AddToCarts += t.Count; break;
                default: break; // messages sent say what the brand did, not what the person did
            }
            if (s.LastTouchUtc is null || t.Last > s.LastTouchUtc)
            {
                s.LastTouchUtc = t.Last;
            }
        }

        await foreach (var t in db.Touchpoints.AsNoTracking().Where(t => t.OccurredAtUtc < asOfUtc)
            .GroupBy(t => new { t.CustomerId, t.SourceId })
            .Select(g => new { g.Key.CustomerId, g.Key.SourceId, Count = g.Count() })
            .AsAsyncEnumerable().WithCancellation(ct))
        {
            if (slots.TryGetValue(t.CustomerId, out var s) && sourceIndex.TryGetValue(t.SourceId, out var i))
            {
                s.SourceTouchpoints[i] += t.Count;
            }
        }

        var rows = slots.Select(kv => kv.Value.ToFeatures(kv.Key, asOfUtc)).ToList();
        return new ProfileFeatureTable(categories, [.. sources.Select(s => s.Code)], rows);
    }

    private sealed class Slot(int categories, int sources)
    {
        public ProfileGender Gender { get; init; }
        public int? Age { get; init; }
        public int? CityTier { get; init; }
        public DateTime FirstSeenUtc { get; init; }
        public int OrderCount { get; set; }
        public double TotalSpend { get; set; }
        public DateTime? LastOrderUtc { get; set; }
        public double[] CategorySpend { get; } = new double[categories];
        public int Impressions { get; set; }
        public int Clicks { get; set; }
        public int Visits { get; set; }
        public long DwellSeconds { get; set; }
        public int MessagesOpened { get; set; }
        public int AddToCarts { get; set; }
        public double[] SourceTouchpoints { get; } = new double[sources];
        public DateTime? LastTouchUtc { get; set; }

        public ProfileFeatures ToFeatures(long id, DateTime asOfUtc)
        {
            var categorySum = CategorySpend.Sum();
            return new ProfileFeatures(id)
            {
                OrderCount = OrderCount,
                TotalSpend = Math.Max(0, TotalSpend),
                DaysSinceLastOrder = LastOrderUtc is { } lo ? Days(lo, asOfUtc) : null,
                DaysSinceFirstSeen = Days(FirstSeenUtc, asOfUtc),
                CategoryShares = categorySum > 0 ? [.. CategorySpend.Select(x => Math.Clamp(x / categorySum, 0, 1))] : new double[CategorySpend.Length],
                Impressions = Impressions,
                Clicks = Clicks,
                Visits = Visits,
                DwellMinutes = DwellSeconds / 60.0,
                MessagesOpened = MessagesOpened,
                AddToCarts = AddToCarts,
                SourceTouchpoints = SourceTouchpoints,
                DaysSinceLastTouchpoint = LastTouchUtc is { } lt ? Days(lt, asOfUtc) : null,
                Gender = Gender,
                Age = Age,
                CityTier = CityTier,
            };
        }

        // A first-seen date after the as-of date (a later identity) counts as 0 days, never negative.
        private static double Days(DateTime at, DateTime asOfUtc) => Math.Max(0, (asOfUtc - at).TotalDays);
    }
}
