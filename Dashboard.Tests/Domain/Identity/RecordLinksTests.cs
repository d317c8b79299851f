using Dashboard.Domain.Identity;

namespace Dashboard.Tests.Domain.Identity;

public class RecordLinksTests
{
    [Fact]
    public void Orient_ChainResolvedByResolver_PointsEachRecordTowardsTheOldest()
    {
        var resolution = IdentityResolver.Resolve(
        [
            new IdentityRecord(1, Phone: "13800138000"),
            new IdentityRecord(2, Phone: "138 0013 8000", Email: "a@b.cn"),
            new IdentityRecord(3, Email: "A@B.CN", MemberNo: "m1"),
            new IdentityRecord(4, MemberNo: "M1"),
        ]);

        var links = RecordLinks.Orient(Assert.Single(resolution.Clusters));

        Assert.Equal(
        [
            new RecordLink(1, null, null),
            new RecordLink(2, 1, new Identifier(IdentifierKind.Phone, "13800138000")),
            new RecordLink(3, 2, new Identifier(IdentifierKind.Email, "a@b.cn")),
            new RecordLink(4, 3, new Identifier(IdentifierKind.MemberNo, "M1")),
        ], links);
    }

    [Fact]
    public void Orient_SingleRecord_HasNoLink()
    {
        var links = RecordLinks.Orient(new IdentityCluster(1, [5], []));

        Assert.Equal([new RecordLink(5, null, null)], links);
    }
}
