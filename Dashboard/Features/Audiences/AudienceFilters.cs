using Dashboard.Data.Entities;
using Dashboard.Features.Segments;

namespace Dashboard.Features.Audiences;

/// <summary>Converts between a saved audience's columns (URL keys) and the segment filter it stands for.</summary>
public static class AudienceFilters
{
    /// <summary>The audience's definition; the period is left open, so it is evaluated on the latest snapshot.</summary>
    public static CustomerSegmentFilter ToFilter(Audience a) =>
        CustomerSegmentFilter.Parse(a.Segment, a.Tier, a.Stage, a.VapCell, a.VapStrategy, a.Source, null);

    public static void CopyTo(CustomerSegmentFilter f, Audience a)
    {
        a.Segment = f.Segment?.ToString();
        a.Tier = f.Tier?.Key;
        a.Stage = f.Stage?.ToString();
        a.VapCell = f.VapCell;
        a.VapStrategy = f.Strategy?.ToString();
        a.Source = f.Source;
    }
}
