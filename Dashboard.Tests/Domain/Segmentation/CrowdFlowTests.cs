using Dashboard.Domain.Segmentation;

namespace Dashboard.Tests.Domain.Segmentation;

public class CrowdFlowTests
{
    private static readonly LabelAssignment[] Before =
        [new("a", "Aware"), new("b", "Aware"), new("c", "Interested"), new("d", "Loyal")];

    private static readonly LabelAssignment[] After =
        [new("a", "Interested"), new("b", "Aware"), new("c", "First purchase"), new("e", "Aware")];

    [Fact]
    public void Migrate_TwoPeriods_HandCountedMatrix()
    {
        var migration = CrowdFlow.Migrate(Before, After, Lifecycle.Labels);

        Assert.Equal(["Aware", "Interested", "First purchase", "Repeat", "Loyal", "Lapsed"], migration.Labels);
        Assert.Equal([1, 1, 0, 0, 0, 0], migration.Matrix[0]);
        Assert.Equal([0, 0, 1, 0, 0, 0], migration.Matrix[1]);
        Assert.Equal(3, migration.Matrix.Sum(r => r.Sum()));
        Assert.Equal([1, 0, 0, 0, 0, 0], migration.Entered);
        Assert.Equal([0, 0, 0, 0, 1, 0], migration.Left);
        Assert.Equal((1, 2), (migration.Stayed, migration.Moved));
    }

    [Fact]
    public void Migrate_TwoPeriods_LinksAndSankeyIndexes()
    {
        var migration = CrowdFlow.Migrate(Before, After, Lifecycle.Labels);

        Assert.Equal(
            [
                new MigrationLink("Aware", "Aware", 1), new MigrationLink("Aware", "Interested", 1),
                new MigrationLink("Interested", "First purchase", 1), new MigrationLink(null, "Aware", 1), new MigrationLink("Loyal", null, 1),
            ],
            migration.Links);
        Assert.Equal(14, migration.Sankey.Nodes.Count);
        Assert.Equal([CrowdFlow.EnteredNode, CrowdFlow.LeftNode], migration.Sankey.Nodes.Skip(12));
        Assert.Equal(
            [new SankeyLink(0, 6, 1), new SankeyLink(0, 7, 1), new SankeyLink(1, 8, 1), new SankeyLink(12, 6, 1), new SankeyLink(4, 13, 1)],
            migration.Sankey.Links);
    }

    [Fact]
    public void Migrate_NoLabelOrder_LabelsInOrdinalOrder()
    {
        LabelAssignment[] before = [new("1", "Lost")];
        LabelAssignment[] after = [new("1", "Champions")];

        var migration = CrowdFlow.Migrate(before, after);

        Assert.Equal(["Champions", "Lost"], migration.Labels);
        Assert.Equal(1, migration.Matrix[1][0]);
    }

    [Fact]
    public void Migrate_LabelMissingFromOrder_Appended()
    {
        LabelAssignment[] before = [new("1", "Other")];

        var migration = CrowdFlow.Migrate(before, [], ["Aware"]);

        Assert.Equal(["Aware", "Other"], migration.Labels);
        Assert.Equal([0, 1], migration.Left);
    }

    [Fact]
    public void Migrate_CustomerTwiceInOnePeriod_ThrowsNamingIt()
    {
        LabelAssignment[] twice = [new("dup", "A"), new("dup", "B")];

        var ex = Assert.Throws<ArgumentException>(() => CrowdFlow.Migrate(twice, []));

        Assert.Contains("'dup' appears twice in the first period", ex.Message);
    }
}
