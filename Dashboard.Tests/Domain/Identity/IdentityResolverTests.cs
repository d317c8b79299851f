using Dashboard.Domain.Identity;

namespace Dashboard.Tests.Domain.Identity;

public class IdentityResolverTests
{
    private static readonly IdentityResolutionSettings CapThree = new(MaxFanout: 3);

    [Fact]
    public void Resolve_PhoneThenEmailChain_MergesTransitively()
    {
        IdentityRecord[] records =
        [
            new(1, Phone: "+86 138 0013 8000"),
            new(2, Phone: "13800138000", Email: "jane@qq.com"),
            new(3, Email: " JANE@QQ.COM "),
            new(4, Phone: "13900139000"),
        ];

        var resolution = IdentityResolver.Resolve(records);

        Assert.Equal([[1L, 2L, 3L], [4L]], Partition(resolution));
    }

    [Fact]
    public void Resolve_ChainAcrossAllThreeKinds_OneProfile()
    {
        IdentityRecord[] records =
        [
            new(1, MemberNo: "m001"),
            new(2, MemberNo: "M001", Phone: "138-0013-8000"),
            new(3, Phone: "0086 13800138000", Email: "a@b.cn"),
            new(4, Email: "A@B.CN"),
        ];

        var resolution = IdentityResolver.Resolve(records);

        var cluster = Assert.Single(resolution.Clusters);
        Assert.Equal([1L, 2L, 3L, 4L], cluster.RecordIds);
    }

    [Fact]
    public void Resolve_EqualValuesOfDifferentKinds_DoNotMatch()
    {
        IdentityRecord[] records = [new(1, MemberNo: "13800138000"), new(2, Phone: "13800138000")];

        var resolution = IdentityResolver.Resolve(records);

        Assert.Equal(2, resolution.Clusters.Count);
    }

    [Fact]
    public void Resolve_IdentifierOverCap_NotUsedAndReportedBlocked()
    {
        IdentityRecord[] records =
        [
            new(1, Phone: "13800000000"),
            new(2, Phone: "138 0000 0000"),
            new(3, Phone: "+86 13800000000"),
            new(4, Phone: "13800000000", Email: "x@y.cn"),
            new(5, Email: "x@y.cn"),
        ];

        var resolution = IdentityResolver.Resolve(records, CapThree);

        Assert.Equal([[1L], [2L], [3L], [4L, 5L]], Partition(resolution));
        var blocked = Assert.Single(resolution.Blocked);
        Assert.Equal(new BlockedIdentifier(IdentifierKind.Phone, "13800000000", 4, BlockReason.Fanout), blocked);
    }

    [Fact]
    public void Resolve_IdentifierExactlyAtCap_StillMerges()
    {
        IdentityRecord[] records = [new(1, Email: "test@test.com"), new(2, Email: "test@test.com"), new(3, Email: "Test@Test.com")];

        var resolution = IdentityResolver.Resolve(records, CapThree);

        Assert.Single(resolution.Clusters);
        Assert.Empty(resolution.Blocked);
    }

    [Fact]
    public void Resolve_DeniedIdentifier_NeverMergesWhateverItsCount()
    {
        IdentityRecord[] records = [new(1, Email: "test@test.com"), new(2, Email: "test@test.com")];
        var settings = new IdentityResolutionSettings(Denied: [new Identifier(IdentifierKind.Email, " TEST@test.com")]);

        var resolution = IdentityResolver.Resolve(records, settings);

        Assert.Equal(2, resolution.Clusters.Count);
        Assert.Equal(BlockReason.Denied, Assert.Single(resolution.Blocked).Reason);
    }

    [Fact]
    public void Resolve_ImplausibleValues_ReportedAndLinkNothing()
    {
        IdentityRecord[] records = [new(1, Phone: "00000000000", Email: "n/a"), new(2, Phone: "00000000000", Email: "n/a")];

        var resolution = IdentityResolver.Resolve(records);

        Assert.Equal(2, resolution.Clusters.Count);
        Assert.Equal(4, resolution.Rejected.Count);
        Assert.Contains(new RejectedIdentifier(1, IdentifierKind.Email, "n/a"), resolution.Rejected);
    }

    [Fact]
    public void Resolve_Clusters_EveryRecordExactlyOnceNumberedByLowestId()
    {
        var data = SyntheticIdentities.Generate(2_000, seed: 7);

        var resolution = IdentityResolver.Resolve(data.Records);

        var all = resolution.Clusters.SelectMany(c => c.RecordIds).ToList();
        Assert.Equal(data.Records.Count, all.Count);
        Assert.Equal(data.Records.Count, all.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, resolution.Clusters.Count).Select(i => (long)i), resolution.Clusters.Select(c => c.ProfileId));
        Assert.True(resolution.Clusters.Zip(resolution.Clusters.Skip(1)).All(p => p.First.RecordIds[0] < p.Second.RecordIds[0]));
    }

    [Fact]
    public void Resolve_Links_SpanEachClusterWithSharedIdentifiers()
    {
        IdentityRecord[] records =
        [
            new(10, Phone: "13800138000"),
            new(20, Phone: "+8613800138000", Email: "a@b.cn"),
            new(30, Email: "a@b.cn", MemberNo: "m9"),
            new(40, MemberNo: "M9"),
        ];

        var cluster = Assert.Single(IdentityResolver.Resolve(records).Clusters);

        Assert.Equal(
            [
                new IdentityLink(30, 40, new Identifier(IdentifierKind.MemberNo, "M9")),
                new IdentityLink(10, 20, new Identifier(IdentifierKind.Phone, "13800138000")),
                new IdentityLink(20, 30, new Identifier(IdentifierKind.Email, "a@b.cn")),
            ],
            cluster.Links);
    }

    [Fact]
    public void Resolve_EveryClusterOfSyntheticData_HasSpanningTreeOfLinks()
    {
        var data = SyntheticIdentities.Generate(3_000, seed: 11);

        var resolution = IdentityResolver.Resolve(data.Records);

        Assert.All(resolution.Clusters, c =>
        {
            Assert.Equal(c.RecordIds.Count - 1, c.Links.Count);
            Assert.True(IsSpanningTree(c));
        });
    }

    [Fact]
    public void Resolve_ShuffledInput_SameResult()
    {
        var data = SyntheticIdentities.Generate(2_000, seed: 3);
        var shuffled = data.Records.OrderBy(r => (r.Id * 7919) % 2003).ToList();
        CannotLink[] constraints = [new([1, 2, 3], [4, 5, 6]), new([10], [11, 12])];

        var original = IdentityResolver.Resolve(data.Records, constraints: constraints);
        var reordered = IdentityResolver.Resolve(shuffled, constraints: constraints);

        Assert.Equal(Partition(original), Partition(reordered));
        Assert.Equal(original.Clusters.SelectMany(c => c.Links), reordered.Clusters.SelectMany(c => c.Links));
    }

    [Fact]
    public void Resolve_DuplicateRecordId_Throws()
    {
        IdentityRecord[] records = [new(1, Phone: "13800138000"), new(1, Phone: "13900139000")];

        var error = Assert.Throws<ArgumentException>(() => IdentityResolver.Resolve(records));

        Assert.Contains("record id 1", error.Message);
    }

    [Fact]
    public void Resolve_CannotLink_KeepsSidesApartAndTheRestTogether()
    {
        // One phone on four records: the operator said {1, 3} are not the same person as {2, 4}.
        IdentityRecord[] records = [new(1, Phone: "13800138000"), new(2, Phone: "13800138000"), new(3, Phone: "13800138000"), new(4, Phone: "13800138000")];

        var resolution = IdentityResolver.Resolve(records, constraints: [new CannotLink([1, 3], [2, 4])]);

        Assert.Equal([[1L, 3L], [2L, 4L]], Partition(resolution));
    }

    [Fact]
    public void Resolve_CannotLinkAcrossChain_RefusesTheBridgingUnion()
    {
        // 1~2 by member number (applied first), 2~3 by phone, 3~4 by email; 1 and 4 are not the same person.
        IdentityRecord[] records =
        [
            new(1, MemberNo: "M1"),
            new(2, MemberNo: "M1", Phone: "13800138000"),
            new(3, Phone: "13800138000", Email: "a@b.cn"),
            new(4, Email: "a@b.cn"),
        ];

        var resolution = IdentityResolver.Resolve(records, constraints: [new CannotLink([1], [4])]);

        Assert.Equal([[1L, 2L, 3L], [4L]], Partition(resolution));
    }

    [Fact]
    public void Resolve_CannotLinkWithRecordOnBothSides_Throws()
    {
        IdentityRecord[] records = [new(1, Phone: "13800138000")];

        var error = Assert.Throws<ArgumentException>(() => IdentityResolver.Resolve(records, constraints: [new CannotLink([1, 2], [2])]));

        Assert.Contains("record 2", error.Message);
    }

    [Fact]
    public void Resolve_CannotLinkNamingAbsentRecords_Ignored()
    {
        IdentityRecord[] records = [new(1, Phone: "13800138000"), new(2, Phone: "13800138000")];

        var resolution = IdentityResolver.Resolve(records, constraints: [new CannotLink([1], [99])]);

        Assert.Single(resolution.Clusters);
    }

    [Fact]
    public void Resolve_CapBelowOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => IdentityResolver.Resolve([], new IdentityResolutionSettings(0)));
    }

    internal static List<List<long>> Partition(IdentityResolution resolution) =>
        [.. resolution.Clusters.Select(c => c.RecordIds.ToList())];

    internal static bool IsSpanningTree(IdentityCluster cluster)
    {
        var parent = cluster.RecordIds.ToDictionary(id => id, id => id);
        long Find(long x) => parent[x] == x ? x : parent[x] = Find(parent[x]);
        foreach (var link in cluster.Links)
        {
            var (a, b) = (Find(link.A), Find(link.B));
            if (a == b)
            {
                return false;
            }
            parent[a] = b;
        }
        return cluster.RecordIds.Select(Find).Distinct().Count() == 1;
    }
}
