using Dashboard.Data;
using Dashboard.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Features.Segments;

/// <summary>The snapshot rows a filter selects in one period; nothing is loaded until the caller enumerates.</summary>
/// <param name="Buyers">Buyers in the period (what tier rank ranges are taken of).</param>
public sealed record SegmentSelection(DateOnly PeriodEnd, int Buyers, IQueryable<CustomerSegmentSnapshot> Rows)
{
    /// <summary>The selected customers' ids, for <c>db.Customers.Where(c =&gt; ids.Contains(c.Id))</c> (an IN subquery).</summary>
    public IQueryable<long> CustomerIds => Rows.Select(r => r.CustomerId);
}

/// <summary>
/// Filters customers by segment, value tier, lifecycle stage, VAP cell or strategy and acquisition source on a
/// stored segment snapshot (the latest period unless the filter names one). For the customer list, audiences
/// and exports: everything stays an IQueryable over the indexed snapshot table.
/// </summary>
public static class SegmentMembership
{
    /// <summary>The filter's period (or the latest) and its selected rows; null when that period is not stored.</summary>
    public static async Task<SegmentSelection?> SelectAsync(DashboardDbContext db, CustomerSegmentFilter filter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var periods = db.SegmentPeriods.AsNoTracking();
        var period = filter.Period is { } p
            ? await periods.Where(x => x.PeriodEnd == p).Select(x => new { x.PeriodEnd, x.Buyers }).FirstOrDefaultAsync(ct)
            : await periods.OrderByDescending(x => x.PeriodEnd).Select(x => new { x.PeriodEnd, x.Buyers }).FirstOrDefaultAsync(ct);
        if (period is null)
        {
            return null;
        }
        var rows = db.CustomerSegmentSnapshots.AsNoTracking().Where(s => s.PeriodEnd == period.PeriodEnd);
        return new SegmentSelection(period.PeriodEnd, period.Buyers, Apply(db, rows, filter, period.Buyers));
    }

    /// <summary>Adds the filter's criteria (not its period) to rows of one period with <paramref name="buyers"/> buyers.</summary>
    public static IQueryable<CustomerSegmentSnapshot> Apply(DashboardDbContext db, IQueryable<CustomerSegmentSnapshot> rows, CustomerSegmentFilter filter, int buyers)
    {
        if (filter.Segment is { } segment)
        {
            rows = rows.Where(s => s.Segment == segment);
        }
        if (filter.Tier is { } tier)
        {
            var (start, end) = tier.RankBounds(buyers);
            rows = rows.Where(s => s.ValueRank > start && s.ValueRank <= end);
        }
        if (filter.Stage is { } stage)
        {
            rows = rows.Where(s => s.Stage == stage);
        }
        if (SegmentKeys.Cell(filter.VapCell) is { } cell)
        {
            rows = rows.Where(s => s.VapValue == cell.Value && s.VapAttrition == cell.Attrition && s.VapPotential == cell.Potential);
        }
        if (filter.Strategy is { } strategy)
        {
            rows = rows.Where(s => s.VapStrategy == strategy);
        }
        if (filter.Source is { } source)
        {
            var fromSource = db.Customers.Where(c => c.AcquisitionSource!.Code == source).Select(c => c.Id);
            rows = rows.Where(s => fromSource.Contains(s.CustomerId));
        }
        return rows;
    }
}
