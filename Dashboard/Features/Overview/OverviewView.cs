using Dashboard.Navigation;

namespace Dashboard.Features.Overview;

/// <summary>Everything the Overview page shows for one date range.</summary>
public sealed record OverviewView(
    DayRange Range,
    OverviewKpis Kpis,
    IReadOnlyList<MonthSourceRevenue> RevenueByMonth,
    IReadOnlyList<SourceRevenue> RevenueBySource,
    IReadOnlyList<MonthCustomers> NewVsReturning,
    IReadOnlyList<SourceFreshness> Freshness);

/// <param name="Customers">All unified profiles in the store (buyers and prospects).</param>
/// <param name="ActiveCustomers">Customers with at least one order in the range.</param>
/// <param name="NewCustomers">Customers whose first-ever order falls in the range.</param>
public sealed record OverviewKpis(int Customers, int ActiveCustomers, int NewCustomers, int Orders, double Revenue)
{
    public double AverageOrderValue => Orders == 0 ? 0 : Revenue / Orders;
}

/// <param name="Month">First day of the month.</param>
public sealed record MonthSourceRevenue(DateOnly Month, string Source, double Revenue);

public sealed record SourceRevenue(string Source, double Revenue, int Orders);

/// <param name="New">Customers whose first order is in this month.</param>
/// <param name="Returning">Customers who ordered this month and had ordered before.</param>
public sealed record MonthCustomers(DateOnly Month, int New, int Returning);

/// <summary>How recent each source's data is: the newest order and touchpoint it delivered.</summary>
public sealed record SourceFreshness(string Code, string Source, DateTime? LastOrderUtc, DateTime? LastTouchpointUtc, int Identities);
