using System.Globalization;
using System.Text.Json;
using Dashboard.Data.Seed;

namespace Dashboard.Tests.Data.Seed;

public class DemoBrandStructureTests(DemoBrandFixture brand) : IClassFixture<DemoBrandFixture>
{
    [Fact]
    public async Task Seed_Counts_BuyersPlusProspectsArePeopleResolvedIntoAboutAsManyCustomers()
    {
        var customers = await brand.ScalarAsync("SELECT COUNT(*) FROM Customers");
        var prospects = await brand.ScalarAsync("SELECT COUNT(*) FROM DemoPeople WHERE IsProspect");
        var people = await brand.ScalarAsync("SELECT COUNT(*) FROM DemoPeople");

        Assert.Equal(DemoBrandFixture.Buyers * 1.2, people);
        Assert.Equal(DemoBrandFixture.Buyers * 0.2, prospects);
        // Resolution leaves a few identities it cannot link as profiles of their own.
        Assert.InRange(customers, people, people * 1.08);
        Assert.Equal((int)customers, brand.Result.Customers);
        Assert.Equal((int)people, brand.Result.Persons);
    }

    [Fact]
    public async Task Seed_EveryIdentity_HasATruthRowAndAResolvedCustomer()
    {
        var identities = await brand.ScalarAsync("SELECT COUNT(*) FROM SourceIdentities");
        var resolved = await brand.ScalarAsync(
            "SELECT COUNT(*) FROM SourceIdentities i JOIN DemoIdentityTruths t ON t.SourceIdentityId = i.Id JOIN Customers c ON c.Id = i.CustomerId");
        var truths = await brand.ScalarAsync("SELECT COUNT(*) FROM DemoIdentityTruths");
        var emptyCustomers = await brand.ScalarAsync(
            "SELECT COUNT(*) FROM Customers c WHERE NOT EXISTS (SELECT 1 FROM SourceIdentities i WHERE i.CustomerId = c.Id)");

        Assert.True(identities > DemoBrandFixture.Buyers * 1.5);
        Assert.Equal(identities, resolved);
        Assert.Equal(identities, truths);
        Assert.Equal(0, emptyCustomers);
    }

    [Fact]
    public async Task Seed_Customers_AreDerivedByResolutionWithTheAimedPrecisionAndRecall()
    {
        var rows = await brand.QueryAsync("SELECT i.CustomerId, t.PersonId FROM SourceIdentities i JOIN DemoIdentityTruths t ON t.SourceIdentityId = i.Id");

        var score = Dashboard.Domain.Identity.PairwiseScore.Compute(
            [.. rows.Select(r => (long)r[0]!)], [.. rows.Select(r => (long)r[1]!)]);

        Assert.True(score.Precision >= 0.99, $"precision {score.Precision:F4}");
        Assert.True(score.Recall >= 0.95, $"recall {score.Recall:F4}");
        // Not trivially perfect: some identities cannot be linked to their siblings.
        Assert.True(score.Recall < 1, $"recall {score.Recall:F4}");
    }

    [Fact]
    public async Task Seed_People_AppearInOneToThreeSourcesMostlyTwoOrMore()
    {
        var perPerson = await brand.QueryAsync(
            "SELECT t.PersonId, COUNT(*) FROM DemoIdentityTruths t GROUP BY t.PersonId");

        var counts = perPerson.Select(r => Convert.ToInt32(r[1], CultureInfo.InvariantCulture)).ToList();
        Assert.All(counts, n => Assert.InRange(n, 1, 3));
        Assert.True(counts.Count(n => n >= 2) > counts.Count / 2);
    }

    [Fact]
    public async Task Seed_Prospects_HaveTouchpointsButNoOrders()
    {
        const string Of = "JOIN DemoIdentityTruths x ON x.SourceIdentityId = {0}.SourceIdentityId WHERE x.PersonId = p.Id";
        var prospectOrders = await brand.ScalarAsync(
            "SELECT COUNT(*) FROM Orders o JOIN DemoIdentityTruths x ON x.SourceIdentityId = o.SourceIdentityId JOIN DemoPeople p ON p.Id = x.PersonId WHERE p.IsProspect");
        var prospectsWithoutTouchpoints = await brand.ScalarAsync(
            $"SELECT COUNT(*) FROM DemoPeople p WHERE p.IsProspect AND NOT EXISTS (SELECT 1 FROM Touchpoints t {string.Format(CultureInfo.InvariantCulture, Of, "t")})");
        var buyersWithoutOrders = await brand.ScalarAsync(
            $"SELECT COUNT(*) FROM DemoPeople p WHERE NOT p.IsProspect AND NOT EXISTS (SELECT 1 FROM Orders o {string.Format(CultureInfo.InvariantCulture, Of, "o")})");

        Assert.Equal(0, prospectOrders);
        Assert.Equal(0, prospectsWithoutTouchpoints);
        Assert.Equal(0, buyersWithoutOrders);
    }

    [Fact]
    public async Task Seed_OrderLines_SumExactlyToOrderTotals()
    {
        var rows = await brand.QueryAsync(
            "SELECT o.Id, o.Total, o.LineCount, COUNT(l.Id), SUM(l.Amount), MIN(l.Amount), MAX(ABS(l.Quantity * l.UnitPrice - l.Amount)) " +
            "FROM Orders o JOIN OrderLines l ON l.OrderId = o.Id GROUP BY o.Id");
        var orders = await brand.ScalarAsync("SELECT COUNT(*) FROM Orders");

        Assert.Equal(orders, rows.Count);
        Assert.All(rows, r =>
        {
            var total = Convert.ToDouble(r[1], CultureInfo.InvariantCulture);
            Assert.Equal(Convert.ToInt64(r[2], CultureInfo.InvariantCulture), Convert.ToInt64(r[3], CultureInfo.InvariantCulture));
            Assert.InRange(Convert.ToInt64(r[3], CultureInfo.InvariantCulture), 1, 3);
            Assert.Equal(total, Convert.ToDouble(r[4], CultureInfo.InvariantCulture), 6);
            Assert.True(Convert.ToDouble(r[5], CultureInfo.InvariantCulture) > 0);
            Assert.True(Convert.ToDouble(r[6], CultureInfo.InvariantCulture) < 1e-6);
            Assert.Equal(Math.Round(total, 2), total, 9);
        });
    }

    [Fact]
    public async Task Seed_OrdersAndTouchpoints_LieInsideTheFixedWindow()
    {
        var orders = await brand.QueryAsync("SELECT MIN(PlacedAtUtc), MAX(PlacedAtUtc) FROM Orders");
        var touchpoints = await brand.QueryAsync("SELECT MIN(OccurredAtUtc), MAX(OccurredAtUtc) FROM Touchpoints");

        foreach (var range in new[] { orders[0], touchpoints[0] })
        {
            Assert.True(string.CompareOrdinal((string)range[0]!, "2024-11-16 00:00:00") >= 0, $"starts {range[0]}");
            Assert.True(string.CompareOrdinal((string)range[1]!, "2026-11-16 00:00:00") < 0, $"ends {range[1]}");
        }
    }

    [Fact]
    public async Task Seed_OrdersAndTouchpoints_GoThroughTheirCustomersOwnIdentitiesOnTheirSource()
    {
        var badOrders = await brand.ScalarAsync(
            "SELECT COUNT(*) FROM Orders o JOIN SourceIdentities i ON i.Id = o.SourceIdentityId " +
            "WHERE i.CustomerId <> o.CustomerId OR i.SourceId <> o.SourceId OR o.PlacedAtUtc < i.FirstSeenUtc OR i.SourceId = 8");
        var badTouchpoints = await brand.ScalarAsync(
            "SELECT COUNT(*) FROM Touchpoints t JOIN SourceIdentities i ON i.Id = t.SourceIdentityId " +
            "WHERE i.CustomerId <> t.CustomerId OR i.SourceId <> t.SourceId OR t.OccurredAtUtc < i.FirstSeenUtc");

        Assert.Equal(0, badOrders);
        Assert.Equal(0, badTouchpoints);
    }

    [Fact]
    public async Task Seed_Touchpoints_HaveEveryTypeAndAModestVolume()
    {
        var byType = await brand.QueryAsync("SELECT Type, COUNT(*), SUM(DwellSeconds IS NOT NULL) FROM Touchpoints GROUP BY Type ORDER BY Type");
        var total = byType.Sum(r => Convert.ToDouble(r[1], CultureInfo.InvariantCulture));

        Assert.Equal(6, byType.Count);
        Assert.InRange(total / brand.Result.Customers, 8, 20);
        var visits = byType.Single(r => Convert.ToInt32(r[0], CultureInfo.InvariantCulture) == 2);
        Assert.Equal(visits[1], visits[2]);
        Assert.All(byType.Where(r => Convert.ToInt32(r[0], CultureInfo.InvariantCulture) != 2), r => Assert.Equal(0L, r[2]));
    }

    [Fact]
    public async Task Seed_JunkIdentifiers_AreSharedByManyUnrelatedPersons()
    {
        var identities = await brand.QueryAsync("SELECT i.Phone, i.Email, i.MemberNo, t.PersonId FROM SourceIdentities i JOIN DemoIdentityTruths t ON t.SourceIdentityId = i.Id");

        int PersonsWith(Func<object?[], bool> predicate) => identities.Where(predicate).Select(r => r[3]).Distinct().Count();
        Assert.True(PersonsWith(r => NormalizePhone(r[0]) == DemoIdentifiers.JunkPhone) >= 20);
        Assert.True(PersonsWith(r => NormalizeEmail(r[1]) == DemoIdentifiers.JunkEmail) >= 3);
        Assert.True(PersonsWith(r => (r[2] as string)?.Trim() == DemoIdentifiers.JunkMemberNo) >= 5);
    }

    [Fact]
    public async Task Seed_RealIdentifiers_NeverLinkTwoPersonsButOftenLinkOnePersonsSources()
    {
        var identities = await brand.QueryAsync("SELECT i.Phone, i.Email, i.MemberNo, t.PersonId FROM SourceIdentities i JOIN DemoIdentityTruths t ON t.SourceIdentityId = i.Id");

        var keys = identities.SelectMany(r => new[]
            {
                ("phone", NormalizePhone(r[0])), ("email", NormalizeEmail(r[1])), ("member", (r[2] as string)?.Trim().ToUpperInvariant()),
            }.Where(k => k.Item2 is not null && k.Item2 != DemoIdentifiers.JunkPhone && k.Item2 != DemoIdentifiers.JunkEmail && k.Item2 != DemoIdentifiers.JunkMemberNo)
            .Select(k => (Key: k.Item1 + ":" + k.Item2, Person: r[3])))
            .GroupBy(k => k.Key)
            .ToList();
        Assert.All(keys, g => Assert.Single(g.Select(k => k.Person).Distinct()));
        // Differently written identifiers of one person still meet after normalisation.
        Assert.True(keys.Count(g => g.Count() >= 2) > DemoBrandFixture.Buyers / 4);
        Assert.Contains(identities, r => r[0] is string phone && phone.StartsWith("+86 ", StringComparison.Ordinal));
        Assert.Contains(identities, r => r[0] is string phone && phone.StartsWith("0086-", StringComparison.Ordinal));
        Assert.Contains(identities, r => r[1] is string email && email != email.Trim());
    }

    [Fact]
    public async Task Seed_Campaigns_HaveRandomControlGroupsNearTheirPlannedShare()
    {
        var rows = await brand.QueryAsync(
            "SELECT c.Id, c.PlannedControlShare, COUNT(*), SUM(a.IsControl), COUNT(DISTINCT a.Arm) FROM Campaigns c " +
            "JOIN CampaignAssignments a ON a.CampaignId = c.Id GROUP BY c.Id ORDER BY c.Id");

        Assert.InRange(rows.Count, 5, 8);
        foreach (var r in rows)
        {
            var planned = Convert.ToDouble(r[1], CultureInfo.InvariantCulture);
            var n = Convert.ToDouble(r[2], CultureInfo.InvariantCulture);
            var share = Convert.ToDouble(r[3], CultureInfo.InvariantCulture) / n;
            Assert.InRange(planned, 0.1, 0.2);
            Assert.True(n >= DemoBrandFixture.Buyers / 20, $"campaign {r[0]} targets only {n}");
            // Within four standard errors of a Bernoulli(planned) share.
            Assert.True(Math.Abs(share - planned) < 4 * Math.Sqrt(planned * (1 - planned) / n), $"campaign {r[0]}: control share {share}");
        }
        Assert.Contains(rows, r => Convert.ToInt32(r[4], CultureInfo.InvariantCulture) == 3);
    }

    [Fact]
    public async Task Seed_CampaignTruth_MatchesTheExtraOrdersInTheStore()
    {
        var json = (string)(await brand.QueryAsync("SELECT Json FROM DemoTruths WHERE Key = 'campaigns'"))[0][0]!;
        var extraOrders = await brand.ScalarAsync("SELECT COALESCE(SUM(ExtraOrders), 0) FROM DemoPeople");

        using var doc = JsonDocument.Parse(json);
        var campaigns = doc.RootElement.GetProperty("campaigns").EnumerateArray().ToList();
        var fromTruth = campaigns.Sum(c => c.GetProperty("arms").EnumerateArray().Sum(a => a.GetProperty("extraOrders").GetInt64()));
        Assert.Equal(extraOrders, fromTruth);
        Assert.True(extraOrders > 0);
        Assert.Contains(campaigns, c => c.GetProperty("trueLift").GetDouble() == 0);
        Assert.All(campaigns, c => Assert.InRange(c.GetProperty("trueLift").GetDouble(), 0, 0.1));
    }

    [Fact]
    public async Task Seed_Truth_HoldsEveryGeneratingModel()
    {
        var keys = (await brand.QueryAsync("SELECT Key, Json FROM DemoTruths")).ToDictionary(r => (string)r[0]!, r => (string)r[1]!);

        Assert.Superset(new HashSet<string> { "bgnbd", "gammaGamma", "channels", "campaigns", "identities", "brand" }, keys.Keys.ToHashSet());
        using var bgnbd = JsonDocument.Parse(keys["bgnbd"]);
        Assert.Equal(DemoModel.BgNbd.R, bgnbd.RootElement.GetProperty("r").GetDouble());
        Assert.Equal(DemoModel.BgNbd.Alpha, bgnbd.RootElement.GetProperty("alpha").GetDouble());
        using var gg = JsonDocument.Parse(keys["gammaGamma"]);
        Assert.Equal(DemoModel.GammaGamma.Q, gg.RootElement.GetProperty("q").GetDouble());
        using var channels = JsonDocument.Parse(keys["channels"]);
        var shapes = channels.RootElement.GetProperty("channels").EnumerateArray().Select(c => c.GetProperty("h").GetDouble()).ToList();
        Assert.Equal(8, shapes.Count);
        Assert.Contains(shapes, h => h > 1.5);
        Assert.Contains(shapes, h => h <= 1);
    }

    [Fact]
    public async Task Seed_Products_FormASkincareCatalogWithListPrices()
    {
        var rows = await brand.QueryAsync("SELECT Category, COUNT(*), MIN(Price), MAX(Price) FROM Products GROUP BY Category");

        Assert.InRange(rows.Sum(r => Convert.ToInt32(r[1], CultureInfo.InvariantCulture)), 50, 80);
        Assert.True(rows.Count >= 8);
        Assert.All(rows, r => Assert.True(Convert.ToDouble(r[2], CultureInfo.InvariantCulture) > 0));
    }

    [Fact]
    public async Task Seed_Customers_HaveRealisticDemographicsAndConsents()
    {
        var rows = await brand.QueryAsync(
            "SELECT AVG(Gender = 'F'), AVG(CityTier BETWEEN 1 AND 5), MIN(CityTier), MAX(CityTier), AVG(ConsentSms), AVG(ConsentAds), " +
            "MIN(BirthYear), MAX(BirthYear), SUM(AcquisitionSourceId IS NULL) FROM Customers");

        var r = rows[0].Select(v => Convert.ToDouble(v, CultureInfo.InvariantCulture)).ToArray();
        Assert.InRange(r[0], 0.6, 0.9);
        Assert.InRange(r[1], 0.85, 1.0);
        Assert.Equal(1, r[2]);
        Assert.Equal(5, r[3]);
        Assert.InRange(r[4], 0.3, 0.9);
        Assert.InRange(r[5], 0.5, 0.9);
        Assert.InRange(r[6], 1950, 1990);
        Assert.InRange(r[7], 1995, 2010);
        Assert.Equal(0, r[8]);
    }

    internal static string? NormalizePhone(object? value)
    {
        if (value is not string text)
        {
            return null;
        }
        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        return digits.Length > 11 ? digits[^11..] : digits;
    }

    internal static string? NormalizeEmail(object? value) => (value as string)?.Trim().ToLowerInvariant();
}
