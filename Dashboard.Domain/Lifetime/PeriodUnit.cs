namespace Dashboard.Domain.Lifetime;

/// <summary>The time unit in which recency, age and forecast horizons are measured.</summary>
public enum PeriodUnit
{
    /// <summary>Weeks of 7 days (the unit of the CDNOW papers).</summary>
    Weeks,

    /// <summary>Calendar days.</summary>
    Days,
}

public static class PeriodUnitExtensions
{
    /// <summary>Average days in a calendar month (365.25 / 12), used to turn CLV horizons in months into periods.</summary>
    public const double DaysPerMonth = 365.25 / 12;

    /// <summary>Days in one period of the unit.</summary>
    public static double Days(this PeriodUnit unit) => unit switch
    {
        PeriodUnit.Weeks => 7,
        PeriodUnit.Days => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "unknown period unit"),
    };

    /// <summary>Periods of the unit in one average calendar month (4.348 weeks or 30.44 days).</summary>
    public static double PeriodsPerMonth(this PeriodUnit unit) => DaysPerMonth / unit.Days();
}
