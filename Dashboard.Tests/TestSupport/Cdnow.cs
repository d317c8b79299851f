using Dashboard.Cli;
using Dashboard.Domain.Lifetime;

namespace Dashboard.Tests.TestSupport;

/// <summary>The CDNOW sample (../shared/data/cdnow) as the papers use it: calibration through 1997-09-30, weeks.</summary>
public static class Cdnow
{
    public static readonly DateOnly CalibrationEnd = new(1997, 9, 30);
    public static readonly DateOnly ObservationEnd = new(1998, 6, 30);

    private static readonly Lazy<List<Purchase>> SamplePurchases = new(() => ClvInputFiles.ReadCdnow(SamplePath));
    private static readonly Lazy<List<CustomerSummary>> PublishedSummaries = new(() => ClvInputFiles.ReadSummaryCsv(SummaryWithSpendPath));

    public static string SamplePath => SharedData.PathOf("cdnow", "CDNOW_sample.txt");

    public static string SummaryPath => SharedData.PathOf("cdnow", "cdnow_customers_summary.csv");

    /// <summary>ID,x,t_x,T,zbar: the published calibration summary with mean repeat spend.</summary>
    public static string SummaryWithSpendPath => SharedData.PathOf("cdnow", "cdnow_customers_summary_with_transactions.csv");

    public static IReadOnlyList<Purchase> Sample => SamplePurchases.Value;

    /// <summary>The published summary file (2,357 customers, 2-decimal times).</summary>
    public static IReadOnlyList<CustomerSummary> Published => PublishedSummaries.Value;

    /// <summary>Summaries computed here from the raw sample transactions.</summary>
    public static IReadOnlyList<CustomerSummary> FromTransactions() =>
        CustomerSummaryBuilder.Build(Sample, CalibrationEnd, PeriodUnit.Weeks);
}
