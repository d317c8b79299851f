using System.Text.Encodings.Web;
using System.Text.Json;
using Dashboard.Data.Entities;

namespace Dashboard.Data.Seed;

/// <summary>
/// The ground truth of a generated brand as JSON documents (DemoTruth rows), so later capabilities can
/// score what they recover: "brand", "bgnbd", "gammaGamma", "identities", "channels", "campaigns".
/// </summary>
internal static class DemoTruthBuilder
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // Stored for people and tests to read, never embedded in HTML: keep λ, × and quotes readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static IEnumerable<DemoTruth> Build(
        DemoBrandSettings settings, DemoBrandGenerator generator, IReadOnlyList<DemoChannels.Curve> curves, double scale)
    {
        var stats = generator.Stats;
        yield return Truth("brand", new
        {
            settings.Seed,
            generator.Buyers,
            generator.Prospects,
            windowStartUtc = DemoCalendar.StartUtc,
            windowEndUtcExclusive = DemoCalendar.EndUtc,
            currency = "CNY",
            note = "Customer rows are the profiles identity resolution derived from the source identities (not one per " +
                "true person); DemoIdentityTruths names the true person (DemoPerson.Id) behind each identity.",
        });
        var bgnbd = DemoModel.BgNbd;
        yield return Truth("bgnbd", new
        {
            bgnbd.R,
            bgnbd.Alpha,
            bgnbd.A,
            bgnbd.B,
            timeUnit = "week",
            windowStartUtc = DemoCalendar.StartUtc,
            windowEndUtcExclusive = DemoCalendar.EndUtc,
            buyers = generator.Buyers,
            repeatPurchases = stats.RepeatPurchases,
            aliveAtEnd = stats.AliveAtEnd,
            sameDayRepeatPairs = stats.SameDayRepeatPairs,
            campaignExtraOrders = stats.ExtraOrders,
            notes = new[]
            {
                "Each buyer's first order (the trial, at the acquisition time) is followed by repeat orders from " +
                    "the exact BG/NBD process: exponential gaps with rate λ while alive, drop-out with probability p " +
                    "right after each repeat purchase, observed until the window end.",
                "Acquisition times follow the festival calendar (Double Eleven, 618); the repeat process has no seasonality.",
                "Purchase times are continuous (truncated to whole seconds). Two repeat purchases on the same UTC day " +
                    "(sameDayRepeatPairs) stay separate orders; a model that counts purchase days sees them as one.",
                "Campaign extra orders (DemoPerson.ExtraOrders, orders with a campaign's click and visit) are not part of " +
                    "the BG/NBD process: they do not trigger drop-out. Subtract them to score BG/NBD recovery exactly.",
            },
        });
        var gg = DemoModel.GammaGamma;
        yield return Truth("gammaGamma", new
        {
            gg.P,
            gg.Q,
            gamma = gg.V,
            currency = "CNY",
            expectedMeanOrderValue = gg.PopulationMean,
            note = "Per buyer ν ~ Gamma(shape q, rate γ); each order value (first, repeat and campaign orders) " +
                "~ Gamma(shape p, rate ν), rounded to 0.01 CNY. DemoPerson.MeanOrderValue = p/ν.",
        });
        yield return Truth("identities", new
        {
            junkPhone = DemoIdentifiers.JunkPhone,
            junkEmail = DemoIdentifiers.JunkEmail,
            junkMemberNo = DemoIdentifiers.JunkMemberNo,
            stats.JunkPhones,
            stats.JunkEmails,
            stats.JunkMemberNos,
            stats.IdentitiesWithoutIdentifiers,
            stats.UnlinkableIdentities,
            stats.BoundPhones,
            phoneBindingRate = DemoBrandGenerator.PhoneBindingRate,
            note = "DemoIdentityTruths maps every source identity to its true person. A person's phone, e-mail and " +
                "member number are written differently across sources (spaces, +86/0086 prefixes, case); about 8% " +
                "of persons use a second phone and 12% a second e-mail in one source. An identity that would share " +
                "nothing with the person's other identities carries the person's main phone with probability " +
                "phoneBindingRate (order shipping phone, phone login, membership at the till); the rest " +
                "(unlinkableIdentities) cannot be linked. Junk identifiers are shared by many unrelated persons.",
        });
        yield return Truth("channels", new
        {
            adstock = "a_t = spend_t + theta * a_(t-1), a_(-1) = 0 (weekly, geometric carry-over)",
            hill = "hill(a) = a^h / (a^h + k^h)",
            revenue = "revenue_t = baseline + beta * hill(a_t) + Normal(0, noiseSd), floored at 0",
            conversions = "conversions_t ~ Poisson(conversionBaseline + conversionBeta * hill(a_t))",
            scale,
            firstWeekStartUtc = DemoCalendar.FirstSpendWeekUtc,
            weeks = DemoCalendar.SpendWeeks,
            channels = curves.Select(c => new
            {
                c.AdChannelId,
                c.Code,
                c.Theta,
                c.K,
                c.H,
                c.Beta,
                c.Baseline,
                c.NoiseSd,
                c.ConversionBaseline,
                c.ConversionBeta,
                c.BaseWeeklySpend,
                shape = c.H > 1.5 ? "S-shaped" : c.H <= 1 ? "concave" : "mildly S-shaped",
            }),
        });
        yield return Truth("campaigns", new
        {
            conversionWindow = "[startUtc, endUtc): an order placed at or after the start and before the end",
            trueLiftDefinition = "Absolute lift in the share of customers with an order in the window, treated minus " +
                "their own counterfactual. Natural (BG/NBD) orders do not depend on the assignment, and extra orders go " +
                "only to treated customers without a natural order in the window, so the realised lift of an arm is " +
                "exactly extraOrders / assigned; in expectation it is extraOrderProbability × (1 − natural conversion rate).",
            bgnbdNote = "Extra orders are outside the BG/NBD process (see \"bgnbd\").",
            campaigns = DemoCampaigns.Specs.Zip(generator.CampaignTallies).Select(pair => CampaignTruth(pair.First, pair.Second)),
        });
    }

    private static object CampaignTruth(DemoCampaigns.Spec spec, DemoCampaigns.ArmTally[] tallies)
    {
        var control = tallies[0];
        var treated = tallies.Skip(1).ToArray();
        var treatedAssigned = treated.Sum(t => t.Assigned);
        return new
        {
            campaignId = spec.Id,
            spec.Code,
            spec.StartUtc,
            spec.EndUtc,
            spec.PlannedControlShare,
            spec.TargetAudience,
            assigned = control.Assigned + treatedAssigned,
            control = new
            {
                control.Assigned,
                control.NaturalConverters,
                naturalConversionRate = Rate(control.NaturalConverters, control.Assigned),
            },
            arms = spec.Arms.Zip(treated).Select(pair => new
            {
                arm = pair.First.Name,
                pair.First.ExtraOrderProbability,
                pair.First.ExtraVisitProbability,
                pair.Second.Assigned,
                pair.Second.NaturalConverters,
                naturalConversionRate = Rate(pair.Second.NaturalConverters, pair.Second.Assigned),
                pair.Second.ExtraOrders,
                pair.Second.ExtraVisits,
                trueLift = Rate(pair.Second.ExtraOrders, pair.Second.Assigned),
            }),
            // All treatment arms together against the control group.
            trueLift = Rate(treated.Sum(t => t.ExtraOrders), treatedAssigned),
        };
    }

    private static double Rate(long count, long of) => of == 0 ? 0 : (double)count / of;

    private static DemoTruth Truth(string key, object value) => new() { Key = key, Json = JsonSerializer.Serialize(value, Json) };
}
