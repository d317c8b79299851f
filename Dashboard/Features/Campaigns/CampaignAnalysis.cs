using Dashboard.Domain.Measurement;

namespace Dashboard.Features.Campaigns;

/// <summary>
/// Turns the per-customer facts of one campaign into the analyses and view records of the campaign pages. Pure
/// (no store): the service aggregates the facts in SQL and hands them here.
/// </summary>
public static class CampaignAnalysis
{
    /// <summary>The arm label of untargeted customers in an observational comparison.</summary>
    public const string ComparisonArm = "comparison";

    /// <summary>The label of all treatment arms pooled (the list's headline).</summary>
    public const string TreatedArm = "treated";

    public const string Response = "response";
    public const string Conversion = "conversion";
    public const string Revenue = "revenue";
    public const string PreSpendCovariate = "pre-period spend";

    /// <summary>Days before the campaign start whose spend is the CUPED covariate.</summary>
    public const int PrePeriodDays = 90;

    public static IReadOnlyList<MetricInfo> Metrics { get; } =
    [
        new(Response, "Response rate", MetricKind.Binary, false),
        new(Conversion, "Conversion rate", MetricKind.Binary, false),
        new(Revenue, "Revenue per targeted customer", MetricKind.Continuous, true),
    ];

    public static string MetricKey(CampaignMetric metric) => metric switch
    {
        CampaignMetric.Response => Response,
        CampaignMetric.Revenue => Revenue,
        _ => Conversion,
    };

    /// <summary>Control first, then the treatment arms in ordinal order.</summary>
    public static IReadOnlyList<string> ArmOrder(IEnumerable<CampaignCustomer> rows)
    {
        var arms = rows.GroupBy(r => r.Arm, StringComparer.Ordinal).Select(g => (g.Key, Control: g.First().IsControl)).ToList();
        return [.. arms.Where(a => a.Control).Select(a => a.Key).Order(StringComparer.Ordinal),
            .. arms.Where(a => !a.Control).Select(a => a.Key).Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// The holdout analysis of every treatment arm against control on response, conversion and revenue, with
    /// pre-period spend as the CUPED covariate. The planned split gives control its planned share and the
    /// treatment arms equal parts of the rest (the store records no per-arm plan). The campaign's cost is shared
    /// among the treatment arms in proportion to their size (holdout customers were not contacted).
    /// </summary>
    public static ExperimentView Experiment(IReadOnlyList<CampaignCustomer> rows, CampaignSummary campaign, bool pooled = false)
    {
        var labelled = pooled ? rows.Select(r => r.IsControl ? r : r with { Arm = TreatedArm }).ToList() : rows;
        var arms = ArmOrder(labelled);
        var control = arms[0];
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var k = 0; k < arms.Count; k++)
        {
            index[arms[k]] = k;
        }
        var armIndex = labelled.Select(r => index[r.Arm]).ToArray();
        var data = new ExperimentData(arms, control, armIndex,
        [
            new MetricColumn(Response, MetricKind.Binary, [.. labelled.Select(r => r.Responded ? 1.0 : 0.0)]),
            new MetricColumn(Conversion, MetricKind.Binary, [.. labelled.Select(r => r.Converted ? 1.0 : 0.0)]),
            new MetricColumn(Revenue, MetricKind.Continuous, [.. labelled.Select(r => r.Revenue)]),
        ], new CovariateColumn(PreSpendCovariate, [.. labelled.Select(r => r.PreSpend)]));

        var treatmentArms = arms.Skip(1).ToList();
        var sizes = labelled.GroupBy(r => r.Arm, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (double)g.Count(), StringComparer.Ordinal);
        var treated = treatmentArms.Sum(a => sizes[a]);
        var settings = new AnalysisSettings
        {
            PlannedSplit = campaign.PlannedControlShare is > 0 and < 1
                ? arms.ToDictionary(a => a, a => a == control ? campaign.PlannedControlShare : (1 - campaign.PlannedControlShare) / treatmentArms.Count, StringComparer.Ordinal)
                : null,
            ConversionMetric = Conversion,
            RevenueMetric = Revenue,
            ArmCosts = campaign.Cost > 0 ? treatmentArms.ToDictionary(a => a, a => campaign.Cost * sizes[a] / treated, StringComparer.Ordinal) : null,
        };
        return new ExperimentView(ExperimentAnalyzer.Analyze(data, settings), Metrics);
    }

    /// <summary>The list's headline: all treatment arms pooled against control.</summary>
    public static CampaignHeadline Headline(IReadOnlyList<CampaignCustomer> rows, CampaignSummary campaign)
    {
        // SRM is judged per arm (a broken split between two treatment arms is still a broken split).
        var perArm = Experiment(rows, campaign).Result;
        var pooled = perArm.Arms.Count == 1 ? perArm : Experiment(rows, campaign, pooled: true).Result;
        var arm = pooled.Arms[0];
        var e = arm.Metrics.Single(m => m.Metric == Conversion).Estimate;
        return new CampaignHeadline(
            e.Lift, e.LiftLow, e.LiftHigh, e.PValue, e.RelativeLift,
            arm.Economics.IncrementalRevenue,
            arm.Economics.IncrementalRoi,
            perArm.Srm.IsMismatch,
            Observational: false);
    }

    /// <summary>Customers at each funnel step, per arm, in <paramref name="arms"/> order.</summary>
    public static IReadOnlyList<ArmFunnel> Funnel(IReadOnlyList<CampaignCustomer> rows, IReadOnlyList<string> arms)
    {
        var byArm = rows.ToLookup(r => r.Arm, StringComparer.Ordinal);
        return arms.Select(a =>
        {
            var g = byArm[a].ToList();
            return new ArmFunnel(a, g.Count, g.Count(r => r.Exposed), g.Count(r => r.Clicked), g.Count(r => r.Visited), g.Count(r => r.AddedToCart), g.Count(r => r.Converted));
        }).ToList();
    }

    /// <summary>Cumulative converters by UTC day from the start to the last day of the window.</summary>
    public static IReadOnlyList<ArmCumulative> Cumulative(IReadOnlyList<CampaignCustomer> rows, IReadOnlyList<string> arms, DateTime startUtc, DateTime windowEndUtc)
    {
        var first = DateOnly.FromDateTime(startUtc);
        var last = DateOnly.FromDateTime(windowEndUtc.AddTicks(-1));
        var days = Enumerable.Range(0, last.DayNumber - first.DayNumber + 1).Select(first.AddDays).ToList();
        var byArm = rows.ToLookup(r => r.Arm, StringComparer.Ordinal);
        return arms.Select(a =>
        {
            var perDay = new long[days.Count];
            var n = 0L;
            foreach (var r in byArm[a])
            {
                n++;
                if (r.FirstOrderInWindowUtc is { } t)
                {
                    var d = Math.Clamp(DateOnly.FromDateTime(t).DayNumber - first.DayNumber, 0, days.Count - 1);
                    perDay[d]++;
                }
            }
            var cumulative = new long[days.Count];
            long running = 0;
            for (var i = 0; i < days.Count; i++)
            {
                running += perDay[i];
                cumulative[i] = running;
            }
            return new ArmCumulative(a, n, days, cumulative);
        }).ToList();
    }

    public static IReadOnlyList<ArmAcquisition> Acquisition(IReadOnlyList<CampaignCustomer> rows, IReadOnlyList<string> arms)
    {
        var byArm = rows.ToLookup(r => r.Arm, StringComparer.Ordinal);
        return arms.Select(a => new ArmAcquisition(a, byArm[a].Count(), byArm[a].Count(r => r.NewCustomer))).ToList();
    }

    public static IReadOnlyList<ArmStageMix> StageMix(IReadOnlyList<CampaignCustomer> rows, IReadOnlyList<string> arms)
    {
        var byArm = rows.ToLookup(r => r.Arm, StringComparer.Ordinal);
        return arms.Select(a =>
        {
            var counts = new long[CampaignStage.Names.Count];
            foreach (var r in byArm[a])
            {
                counts[r.StageBefore]++;
            }
            return new ArmStageMix(a, counts.Sum(), counts);
        }).ToList();
    }

    /// <summary>Share of each arm moving up a lifecycle stage, treatment against <paramref name="controlArm"/>.</summary>
    public static IReadOnlyList<CrowdFlowArm> CrowdFlow(IReadOnlyList<CampaignCustomer> rows, IReadOnlyList<string> arms, string controlArm)
    {
        var order = arms.Select((a, i) => (a, i)).ToDictionary(x => x.a, x => x.i, StringComparer.Ordinal);
        var flow = CrowdFlowLift.Analyze(rows.Select(r => new StageTransition(r.Arm, r.StageBefore, r.StageAfter)), controlArm);
        return [.. flow.OrderBy(f => order.GetValueOrDefault(f.Arm, int.MaxValue))];
    }

    /// <summary>The stratum of exact matching: city tier × lifecycle stage at the start ("tier?" when unknown).</summary>
    public static string Stratum(CampaignCustomer r) =>
        (r.CityTier is { } tier ? "tier" + tier.ToString(System.Globalization.CultureInfo.InvariantCulture) : "tier?") + "|" + CampaignStage.Names[r.StageBefore];

    /// <summary>Pre-period features whose balance is reported (and, for propensity matching, modelled).</summary>
    public static IReadOnlyList<string> BalanceFeatures { get; } = ["Pre-period spend", "Orders before the start", "City tier", "Lifecycle stage"];

    /// <summary>
    /// A comparison group for a campaign without a holdout: targeted customers against untargeted customers of
    /// the same city tier and lifecycle stage (exact strata) or matched on the propensity of being targeted.
    /// </summary>
    public static ObservationalView Observational(IReadOnlyList<CampaignCustomer> targeted, IReadOnlyList<CampaignCustomer> candidates, MatchingMethod method)
    {
        var units = targeted.Select(r => Unit(r, true)).Concat(candidates.Select(r => Unit(r, false))).ToList();
        var data = new ObservationalData(BalanceFeatures, [Response, Conversion, Revenue], units);
        var result = ObservationalComparison.Compare(data, new MatchingSettings(method));
        return new ObservationalView(result, targeted.Count, candidates.Count, Metrics);
    }

    /// <summary>The list's headline of an observational campaign (no SRM check: nothing was randomized).</summary>
    public static CampaignHeadline Headline(ObservationalView view, CampaignSummary campaign)
    {
        var conversion = view.Result.Effects.Single(e => e.Outcome == Conversion);
        var revenue = view.Result.Effects.Single(e => e.Outcome == Revenue);
        var n = view.Result.MatchedTreated;
        var incremental = new IncrementalTotal(revenue.Lift * n, revenue.LiftLow * n, revenue.LiftHigh * n);
        IncrementalTotal? roi = campaign.Cost > 0
            ? new IncrementalTotal((incremental.Value - campaign.Cost) / campaign.Cost, (incremental.Low - campaign.Cost) / campaign.Cost, (incremental.High - campaign.Cost) / campaign.Cost)
            : null;
        return new CampaignHeadline(conversion.Lift, conversion.LiftLow, conversion.LiftHigh, conversion.PValue,
            conversion.ComparisonMean != 0 ? conversion.Lift / conversion.ComparisonMean : null,
            incremental, roi, SrmFlagged: false, Observational: true);
    }

    private static ObservationalUnit Unit(CampaignCustomer r, bool treated) => new(
        r.CustomerId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        treated,
        Stratum(r),
        [r.PreSpend, r.PreOrders, r.CityTier ?? 0, r.StageBefore],
        [r.Responded ? 1 : 0, r.Converted ? 1 : 0, r.Revenue]);
}
