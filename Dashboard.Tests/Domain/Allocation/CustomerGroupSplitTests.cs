using Dashboard.Domain.Allocation;

namespace Dashboard.Tests.Domain.Allocation;

public class CustomerGroupSplitTests
{
    private static readonly GroupResponseAssumption Half = new(MaxResponse: 0.5, HalfSaturationPerHead: 10);

    [Fact]
    public void AtRisk_Sums_ValueAtStakeIsValueIfAliveMinusClv()
    {
        // Two members: CLV 30 at P(alive) 0.3 (worth 100 if alive) and CLV 40 at P 0.8 (worth 50): 70 + 10 lost to dropout.
        var members = new GroupMembers(2, SumClv: 70, SumClvIfAlive: 150, SumHeadroom: 0);

        var group = CustomerGroupSplit.AtRisk(CustomerGroup.Retain, members, Half);

        Assert.Equal(80, group.ValueAtStake, 9);
        Assert.Equal(35, group.MeanClv, 9);
    }

    [Fact]
    public void Acquire_PoolAndNewCustomerValue_ValueAtStakeIsTheirProduct()
    {
        var group = CustomerGroupSplit.Acquire(1_000, 50, Half);

        Assert.Equal(50_000, group.ValueAtStake);
        Assert.Equal(1_000, group.Customers);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1_000, 8_000 * 0.5 * 10.0 / 20)] // 10 per head = k: half of the maximum response
    [InlineData(3_000, 8_000 * 0.5 * 30.0 / 40)]
    public void ExpectedReturn_BudgetSpreadOverMembers_IsValueTimesResponsePerHead(double budget, double expected)
    {
        var group = new GroupResponse(CustomerGroup.Develop, 100, 20, ValueAtStake: 8_000, Half);

        Assert.Equal(expected, group.ExpectedReturn(budget), 9);
    }

    [Fact]
    public void Optimize_TwoConcaveGroups_MatchesHandComputedSplitWithEqualMarginals()
    {
        // R_i(B) = β_i·B/(B + K_i) with K = 100 heads × 10 = 1000 for both and β = V·0.5 = 4000 and 1000. Equal marginals
        // β_i·K/(B_i + K)² give B_1 + K = 2(B_2 + K); with B_1 + B_2 = 2000: B_2 = 1000/3, B_1 = 5000/3.
        GroupResponse[] groups =
        [
            new(CustomerGroup.Retain, 100, 50, 8_000, Half),
            new(CustomerGroup.WinBack, 100, 10, 2_000, Half),
        ];

        var split = CustomerGroupSplit.Optimize(groups, 2_000);

        Assert.Equal(5_000.0 / 3, split.Groups[0].Budget, 5);
        Assert.Equal(1_000.0 / 3, split.Groups[1].Budget, 5);
        Assert.Equal(split.Groups[0].MarginalRoi, split.Groups[1].MarginalRoi, 9);
        Assert.Equal(4_000 * (5_000.0 / 3) / (5_000.0 / 3 + 1_000) + 1_000 * (1_000.0 / 3) / (1_000.0 / 3 + 1_000), split.ExpectedReturn, 6);
    }

    [Fact]
    public void Optimize_GroupWithZeroCustomers_GetsNothing()
    {
        GroupResponse[] groups =
        [
            CustomerGroupSplit.AtRisk(CustomerGroup.Retain, new GroupMembers(100, 5_000, 20_000, 0), Half),
            CustomerGroupSplit.Develop(GroupMembers.None, Half),
            CustomerGroupSplit.Acquire(0, 80, Half),
        ];

        var split = CustomerGroupSplit.Optimize(groups, 5_000);

        Assert.Equal(5_000, split.Groups[0].Budget, 6);
        Assert.Equal(0, split.Groups[1].Budget);
        Assert.Equal(0, split.Groups[2].Budget);
        Assert.Equal(0, split.Groups[1].ExpectedReturn);
    }

    [Fact]
    public void Optimize_EveryGroupEmpty_SpendsNothing()
    {
        var split = CustomerGroupSplit.Optimize([CustomerGroupSplit.Develop(GroupMembers.None, Half)], 1_000);

        Assert.Equal(0, split.Total);
        Assert.Equal(0, split.ExpectedReturn);
    }

    [Fact]
    public void Optimize_GrowingTotal_ExpectedReturnNeverFalls()
    {
        GroupResponse[] groups =
        [
            new(CustomerGroup.Retain, 400, 300, 90_000, new GroupResponseAssumption(0.3, 20)),
            new(CustomerGroup.Develop, 1_500, 80, 60_000, new GroupResponseAssumption(0.2, 15)),
            new(CustomerGroup.WinBack, 900, 30, 40_000, new GroupResponseAssumption(0.1, 10, Shape: 1.5)),
            new(CustomerGroup.Acquire, 5_000, 120, 600_000, new GroupResponseAssumption(0.05, 20)),
        ];
        GroupSplit? previous = null;

        foreach (var total in Enumerable.Range(0, 41).Select(i => i * 5_000.0))
        {
            var split = CustomerGroupSplit.Optimize(groups, total);

            Assert.Equal(total, split.Total, 6);
            if (previous is not null)
            {
                Assert.True(split.ExpectedReturn >= previous.ExpectedReturn - 1e-6, $"return fell at {total}");
            }
            previous = split;
        }
    }

    [Fact]
    public void Optimize_ThreeGroups_NoGridSplitDoesBetter()
    {
        GroupResponse[] groups =
        [
            new(CustomerGroup.Retain, 50, 300, 9_000, new GroupResponseAssumption(0.3, 20)),
            new(CustomerGroup.Develop, 200, 80, 12_000, new GroupResponseAssumption(0.2, 15, Shape: 2)),
            new(CustomerGroup.Acquire, 1_000, 120, 60_000, new GroupResponseAssumption(0.05, 20)),
        ];
        const double total = 6_000;

        var best = CustomerGroupSplit.Optimize(groups, total).ExpectedReturn;

        for (var a = 0.0; a <= total; a += 50)
        {
            for (var b = 0.0; a + b <= total; b += 50)
            {
                var grid = CustomerGroupSplit.Evaluate(groups, [a, b, total - a - b]).ExpectedReturn;
                Assert.True(grid <= best + 1e-6, $"({a}, {b}, {total - a - b}) returns {grid} > {best}");
            }
        }
    }

    [Fact]
    public void Optimize_InvalidAssumption_NamesTheGroup()
    {
        GroupResponse[] groups = [new(CustomerGroup.WinBack, 10, 5, 100, new GroupResponseAssumption(1.5, 10))];

        var error = Assert.Throws<ArgumentException>(() => CustomerGroupSplit.Optimize(groups, 100));

        Assert.Contains("WinBack", error.Message);
    }

    [Fact]
    public void EvenPerHead_EmptyGroupsLeftOut_SameSpendPerMember()
    {
        GroupResponse[] groups =
        [
            new(CustomerGroup.Retain, 100, 50, 8_000, Half),
            new(CustomerGroup.Develop, 0, 0, 0, Half),
            new(CustomerGroup.Acquire, 300, 50, 8_000, Half),
        ];

        var budgets = CustomerGroupSplit.EvenPerHead(groups, 4_000);

        Assert.Equal([1_000, 0, 3_000], budgets);
    }
}
