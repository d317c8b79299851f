namespace Dashboard.Data.Seed;

/// <summary>
/// The demo brand's fixed history window and its seasonal intensity. Fixed dates (never today's
/// date) keep the brand identical on every machine and every day.
/// </summary>
internal static class DemoCalendar
{
    /// <summary>First instant of the history (inclusive).</summary>
    public static readonly DateTime StartUtc = new(2024, 11, 16, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>End of the history (exclusive): the window is 2024-11-16 to 2026-11-15 inclusive.</summary>
    public static readonly DateTime EndUtc = new(2026, 11, 16, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The Monday that starts the first full spend week.</summary>
    public static readonly DateTime FirstSpendWeekUtc = new(2024, 11, 18, 0, 0, 0, DateTimeKind.Utc);

    public const int Days = 730;

    public const int SpendWeeks = 104;

    /// <summary>Length of the window in weeks, the time unit of the purchase process.</summary>
    public const double Weeks = Days / 7.0;

    private const double TicksPerWeek = TimeSpan.TicksPerDay * 7.0;

    // Shopping festivals of the Chinese e-commerce calendar. The pre-sale ramps up for weeks before
    // the day and activity drops right after it, so each bump is an asymmetric Gaussian (days).
    private static readonly Festival[] Festivals =
    [
        new(11, 11, Amplitude: 5.0, SdBefore: 9, SdAfter: 1.5),   // Double Eleven
        new(6, 18, Amplitude: 3.0, SdBefore: 7, SdAfter: 1.5),    // 618
        new(12, 12, Amplitude: 0.7, SdBefore: 2, SdAfter: 1),     // Double Twelve
        new(3, 8, Amplitude: 0.8, SdBefore: 3, SdAfter: 1),       // Women's Day (beauty promotions)
    ];

    /// <summary>Daily acquisition intensity: a slowly growing base plus the festival peaks.</summary>
    public static readonly SeasonalDensity Acquisition = new(day => DailyWeight(day, peakScale: 1.0));

    /// <summary>Browsing of people who have not bought (yet): even more concentrated around the festivals.</summary>
    public static readonly SeasonalDensity Browsing = new(day => DailyWeight(day, peakScale: 1.6));

    /// <summary>An instant <paramref name="weeks"/> after the start, truncated to whole seconds.</summary>
    public static DateTime At(double weeks)
    {
        var ticks = (long)(weeks * TicksPerWeek);
        return StartUtc.AddTicks(ticks - ticks % TimeSpan.TicksPerSecond);
    }

    public static double WeeksOf(DateTime utc) => (utc - StartUtc).Ticks / TicksPerWeek;

    /// <summary>The multiplier of festival activity on a day (1 on an ordinary day).</summary>
    public static double FestivalFactor(DateTime dayUtc, double peakScale)
    {
        var factor = 1.0;
        foreach (var festival in Festivals)
        {
            factor += peakScale * festival.Bump(DateOnly.FromDateTime(dayUtc));
        }
        return factor;
    }

    private static double DailyWeight(int day, double peakScale)
    {
        // The brand grows: acquisition at the end of the window runs about 40% above the start.
        var growth = 1.0 + 0.4 * day / Days;
        return growth * FestivalFactor(StartUtc.AddDays(day), peakScale);
    }

    private sealed record Festival(int Month, int Day, double Amplitude, double SdBefore, double SdAfter)
    {
        public double Bump(DateOnly date)
        {
            var best = 0.0;
            for (var year = date.Year - 1; year <= date.Year + 1; year++)
            {
                var delta = date.DayNumber - new DateOnly(year, Month, Day).DayNumber;
                var sd = delta < 0 ? SdBefore : SdAfter;
                best = Math.Max(best, Amplitude * Math.Exp(-0.5 * delta * delta / (sd * sd)));
            }
            return best;
        }
    }
}

/// <summary>
/// A piecewise-constant intensity over the days of the window; samples instants (in weeks since the
/// start) by inverting its cumulative sum, optionally restricted to a sub-interval.
/// </summary>
internal sealed class SeasonalDensity
{
    private readonly double[] _weights = new double[DemoCalendar.Days];
    private readonly double[] _cumulative = new double[DemoCalendar.Days + 1];

    public SeasonalDensity(Func<int, double> weightOfDay)
    {
        for (var d = 0; d < DemoCalendar.Days; d++)
        {
            _weights[d] = weightOfDay(d);
            _cumulative[d + 1] = _cumulative[d] + _weights[d];
        }
    }

    /// <summary>An instant in weeks in [fromWeeks, toWeeks), with probability proportional to the intensity.</summary>
    public double Sample(Random rng, double fromWeeks = 0, double toWeeks = DemoCalendar.Weeks)
    {
        var fromDay = Math.Clamp(fromWeeks * 7, 0, DemoCalendar.Days);
        var toDay = Math.Clamp(toWeeks * 7, fromDay, DemoCalendar.Days);
        var lo = Cdf(fromDay);
        var hi = Cdf(toDay);
        if (hi - lo <= 0)
        {
            return fromDay / 7;
        }
        var target = lo + rng.NextDouble() * (hi - lo);
        var index = Array.BinarySearch(_cumulative, target);
        var day = index >= 0 ? Math.Min(index, DemoCalendar.Days - 1) : ~index - 1;
        var within = (target - _cumulative[day]) / _weights[day];
        var result = Math.Clamp(day + within, fromDay, toDay) / 7;
        // Stay strictly inside a half-open interval.
        return result >= toWeeks ? Math.BitDecrement(toWeeks) : result;
    }

    private double Cdf(double day)
    {
        var whole = (int)Math.Floor(day);
        if (whole >= DemoCalendar.Days)
        {
            return _cumulative[DemoCalendar.Days];
        }
        return _cumulative[whole] + _weights[whole] * (day - whole);
    }
}
