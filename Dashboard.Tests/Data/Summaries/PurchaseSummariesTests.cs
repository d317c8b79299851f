using System.Globalization;
using Dashboard.Data.Summaries;
using Dashboard.Domain.Lifetime;
using Dashboard.Tests.TestSupport;

namespace Dashboard.Tests.Data.Summaries;

public class PurchaseSummariesTests
{
    private static readonly DateOnly CalibrationEnd = new(2025, 3, 31);
    private static readonly DateOnly ObservationEnd = new(2025, 6, 30);

    // 1: same-day orders on the first day and on a repeat day; 2: one order; 3: orders on both sides of the
    // calibration end; 4: first order after the calibration end (left out); 5: orders at 00:00:00 and 23:59:59;
    // 6: an order after the observation end (ignored).
    private static readonly (long Customer, DateTime At, double Total)[] Orders =
    [
        (1, At("2025-01-05 09:00:00"), 100), (1, At("2025-01-05 21:30:00"), 50), (1, At("2025-02-01 10:00:00"), 30),
        (1, At("2025-02-01 10:05:00"), 20), (1, At("2025-03-01 12:00:00"), 70),
        (2, At("2025-02-14 08:00:00"), 99.5),
        (3, At("2025-01-10 10:00:00"), 10), (3, At("2025-03-31 23:59:59"), 40), (3, At("2025-04-01 00:00:00"), 60),
        (3, At("2025-05-02 11:00:00"), 5), (3, At("2025-05-02 19:00:00"), 5),
        (4, At("2025-04-15 10:00:00"), 500),
        (5, At("2025-01-01 00:00:00"), 1), (5, At("2025-01-01 23:59:59"), 2), (5, At("2025-01-02 00:00:00"), 4),
        (6, At("2025-01-20 10:00:00"), 15), (6, At("2025-07-01 00:00:00"), 25),
    ];

    [Fact]
    public async Task QueryAsync_HandMadeOrders_CalibrationSummariesMatchTheDomain()
    {
        await using var db = await TestDatabase.CreateAsync();
        await OrderRows.InsertAsync(db, Orders);
        var expected = CustomerSummaryBuilder.BuildWithHoldout(Purchases(), CalibrationEnd, ObservationEnd, PeriodUnit.Weeks)
            .ToDictionary(s => s.Calibration.CustomerId);

        var rows = (await ReadAsync(db)).Where(r => r.InCalibration).ToList();

        Assert.Equal(expected.Keys.Order(), rows.Select(r => r.CustomerId.ToString(CultureInfo.InvariantCulture)).Order());
        foreach (var row in rows)
        {
            var e = expected[row.CustomerId.ToString(CultureInfo.InvariantCulture)];
            Assert.Equal(e.Calibration, row.ToCalibrationSummary(CalibrationEnd, PeriodUnit.Weeks));
            Assert.Equal(e.FirstPurchase, row.FirstPurchase);
            Assert.Equal(e.HoldoutFrequency, row.HoldoutDays);
        }
    }

    [Fact]
    public async Task QueryAsync_HandMadeOrders_WholeHistorySummariesMatchTheDomain()
    {
        await using var db = await TestDatabase.CreateAsync();
        await OrderRows.InsertAsync(db, Orders);
        var expected = CustomerSummaryBuilder.Build(Purchases(), ObservationEnd, PeriodUnit.Days);

        var rows = await ReadAsync(db);

        Assert.Equal(
            expected.OrderBy(s => s.CustomerId, StringComparer.Ordinal),
            rows.Select(r => r.ToSummary(ObservationEnd, PeriodUnit.Days)).OrderBy(s => s.CustomerId, StringComparer.Ordinal));
    }

    [Fact]
    public async Task QueryAsync_SameDayOrders_CountAsOnePurchaseWithSummedSpend()
    {
        await using var db = await TestDatabase.CreateAsync();
        await OrderRows.InsertAsync(db, Orders);

        var one = (await ReadAsync(db)).Single(r => r.CustomerId == 1).ToCalibrationSummary(CalibrationEnd, PeriodUnit.Days);

        // Purchase days 01-05 (150), 02-01 (30 + 20), 03-01 (70): x = 2, repeat mean (50 + 70) / 2.
        Assert.Equal(2, one.Frequency);
        Assert.Equal(55, one.Recency);
        Assert.Equal(85, one.Age);
        Assert.Equal(60, one.MonetaryValue, 12);
    }

    [Fact]
    public async Task QueryAsync_OneOrderCustomer_HasNoRepeatsAndZeroMonetaryValue()
    {
        await using var db = await TestDatabase.CreateAsync();
        await OrderRows.InsertAsync(db, Orders);

        var row = (await ReadAsync(db)).Single(r => r.CustomerId == 2);

        Assert.Equal(new PurchaseSummaryRow(2, new(2025, 2, 14), new(2025, 2, 14), 1, 99.5, 99.5, new(2025, 2, 14), 1, 99.5), row);
        Assert.Equal(new CustomerSummary("2", 0, 0, 45 / 7.0, 0), row.ToCalibrationSummary(CalibrationEnd, PeriodUnit.Weeks));
    }

    [Fact]
    public async Task QueryAsync_DayBoundaries_SplitAtUtcMidnight()
    {
        await using var db = await TestDatabase.CreateAsync();
        await OrderRows.InsertAsync(db, Orders);

        var rows = await ReadAsync(db);

        var three = rows.Single(r => r.CustomerId == 3);
        Assert.Equal(new DateOnly(2025, 3, 31), three.CalibrationLastPurchase);
        Assert.Equal(2, three.CalibrationPurchaseDays);
        Assert.Equal(50, three.CalibrationSpend);
        Assert.Equal(new DateOnly(2025, 5, 2), three.LastPurchase);
        Assert.Equal(4, three.PurchaseDays);
        Assert.Equal(2, three.HoldoutDays);
        var five = rows.Single(r => r.CustomerId == 5);
        Assert.Equal(2, five.PurchaseDays);
        Assert.Equal(3, five.FirstDaySpend);
        var four = rows.Single(r => r.CustomerId == 4);
        Assert.False(four.InCalibration);
        Assert.Null(four.CalibrationLastPurchase);
        Assert.Throws<InvalidOperationException>(() => four.ToCalibrationSummary(CalibrationEnd, PeriodUnit.Weeks));
        Assert.Equal(0, rows.Single(r => r.CustomerId == 6).HoldoutDays);
        Assert.Equal(1, rows.Single(r => r.CustomerId == 6).PurchaseDays);
    }

    [Fact]
    public async Task RepeatPurchasesByDayAsync_HandMadeOrders_CountsRepeatDaysOfCalibrationCustomers()
    {
        await using var db = await TestDatabase.CreateAsync();
        await OrderRows.InsertAsync(db, Orders);
        await using var context = await db.Factory.CreateDbContextAsync();

        var days = await PurchaseSummaries.RepeatPurchasesByDayAsync(context, CalibrationEnd, ObservationEnd);

        Assert.Equal(
            [new(new(2025, 1, 2), 1), new(new(2025, 2, 1), 1), new(new(2025, 3, 1), 1), new(new(2025, 3, 31), 1),
             new(new(2025, 4, 1), 1), new DailyCount(new(2025, 5, 2), 1)],
            days);
    }

    private static IEnumerable<Purchase> Purchases() => Orders.Where(o => o.At < new DateTime(2025, 7, 1)).Select(o =>
        new Purchase(o.Customer.ToString(CultureInfo.InvariantCulture), DateOnly.FromDateTime(o.At), o.Total));

    private static async Task<List<PurchaseSummaryRow>> ReadAsync(TestDatabase db)
    {
        await using var context = await db.Factory.CreateDbContextAsync();
        var rows = new List<PurchaseSummaryRow>();
        await foreach (var row in PurchaseSummaries.QueryAsync(context, CalibrationEnd, ObservationEnd))
        {
            rows.Add(row);
        }
        return rows;
    }

    private static DateTime At(string text) =>
        DateTime.ParseExact(text, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
