using Dashboard.Domain.Identity;

namespace Dashboard.Tests.Domain.Identity;

public class IdentityIndexTests
{
    private static readonly IdentityResolutionSettings CapThree = new(MaxFanout: 3);

    [Fact]
    public void Add_IntoEmptyIndex_NumbersProfilesLikeBatch()
    {
        var data = SyntheticIdentities.Generate(1_500, seed: 5);
        var index = IdentityIndex.Create();

        var update = index.Add(data.Records);

        var batch = IdentityResolver.Resolve(data.Records);
        Assert.Equal(batch.Clusters.Select(c => c.ProfileId), update.CreatedProfileIds);
        Assert.Equal(batch.Clusters.Select(c => c.RecordIds), index.Partition());
        Assert.All(batch.Clusters, c => Assert.Equal(c.ProfileId, index.ProfileOf(c.RecordIds[0])));
    }

    [Fact]
    public void Add_RecordSharingPhone_JoinsExistingProfile()
    {
        var index = IdentityIndex.Create();
        index.Add([new(1, Phone: "13800138000"), new(2, Email: "a@b.cn")]);

        var update = index.Add([new(3, Phone: "+86 138 0013 8000")]);

        Assert.Equal(1, index.ProfileOf(3));
        Assert.Equal([new RecordAssignment(3, 1)], update.Assignments);
        Assert.Empty(update.CreatedProfileIds);
        Assert.Empty(update.Merges);
        Assert.Equal([1L, 3L], Assert.Single(update.Profiles).RecordIds);
    }

    [Fact]
    public void Add_UnmatchedRecord_StartsNewProfileAfterHighestId()
    {
        var index = IdentityIndex.Load([(new IdentityRecord(1, Phone: "13800138000"), 41L)]);

        var update = index.Add([new(2, Phone: "13900139000")]);

        Assert.Equal([42L], update.CreatedProfileIds);
        Assert.Equal(42, index.ProfileOf(2));
        Assert.Equal(41, index.ProfileOf(1));
    }

    [Fact]
    public void Add_RecordBridgingTwoProfiles_MergesIntoLowestProfileId()
    {
        var index = IdentityIndex.Load(
        [
            (new IdentityRecord(1, Email: "a@b.cn"), 7L),
            (new IdentityRecord(2, Phone: "13800138000"), 5L),
            (new IdentityRecord(3, Phone: "13800138000"), 5L),
        ]);

        var update = index.Add([new(4, Phone: "138-0013-8000", Email: "A@B.CN")]);

        var merge = Assert.Single(update.Merges);
        Assert.Equal(5, merge.Survivor);
        Assert.Equal([7L], merge.Absorbed);
        Assert.All(new long[] { 1, 2, 3, 4 }, id => Assert.Equal(5, index.ProfileOf(id)));
        Assert.Equal([new RecordAssignment(1, 5), new RecordAssignment(4, 5)], update.Assignments);
        var profile = Assert.Single(update.Profiles);
        Assert.Equal(3, profile.Links.Count);
        Assert.True(IdentityResolverTests.IsSpanningTree(profile));
    }

    [Fact]
    public void Add_IdentifierCrossesCap_ProfilesItJoinedAreSplitAgain()
    {
        // A front-desk phone first looks like one person's, then turns up on more records than the cap.
        var index = IdentityIndex.Create(CapThree);
        index.Add([new(1, Phone: "021-6123-4567", Email: "a@b.cn"), new(2, Phone: "02161234567"), new(3, Email: "a@b.cn")]);
        Assert.Equal(1, index.ProfileOf(2));

        var update = index.Add([new(4, Phone: "(021) 6123 4567"), new(5, Phone: "+86 21 61234567")]);

        Assert.Equal([[1L, 3L], [2L], [4L], [5L]], index.Partition());
        Assert.Equal(new BlockedIdentifier(IdentifierKind.Phone, "02161234567", 4, BlockReason.Fanout), Assert.Single(update.NewlyBlocked));
        Assert.Equal(1, index.ProfileOf(1));
        var split = Assert.Single(update.Splits);
        Assert.Equal(1, split.From);
        Assert.Equal([2L], split.RecordIds);
        Assert.Equal([split.To, index.ProfileOf(4), index.ProfileOf(5)], update.CreatedProfileIds);
        Assert.Equal([[1L, 3L], [2L], [4L], [5L]], update.Profiles.Select(p => p.RecordIds));
        Assert.Equal(1, update.Profiles[0].ProfileId);
    }

    [Fact]
    public void Add_ExistingRecordId_Throws()
    {
        var index = IdentityIndex.Create();
        index.Add([new(1, Phone: "13800138000")]);

        Assert.Throws<ArgumentException>(() => index.Add([new(1, Phone: "13900139000")]));
    }

    [Fact]
    public void Split_WrongMerge_SeparatesAndKeepsIdWithOldestRecord()
    {
        var index = IdentityIndex.Create();
        index.Add([new(1, Phone: "13800138000"), new(2, Phone: "13800138000", Email: "b@b.cn"), new(3, Email: "b@b.cn")]);

        var update = index.Split([2, 3]);

        Assert.Equal([[1L], [2L, 3L]], index.Partition());
        Assert.Equal(1, index.ProfileOf(1));
        Assert.Equal(2, index.ProfileOf(2));
        var split = Assert.Single(update.Splits);
        Assert.Equal((1L, 2L), (split.From, split.To));
        Assert.Equal([2L, 3L], split.RecordIds);
        var constraint = Assert.Single(index.Constraints);
        Assert.Equal([2L, 3L], constraint.Left);
        Assert.Equal([1L], constraint.Right);
    }

    [Fact]
    public void Split_SurvivesNewRecordsThatTouchBothSides()
    {
        var index = IdentityIndex.Create();
        index.Add([new(1, Phone: "13800138000"), new(2, Phone: "13800138000", Email: "b@b.cn"), new(3, Email: "b@b.cn")]);
        index.Split([2, 3]);

        // A new record carries the phone of side {1} and the email of side {2, 3}; another only the phone.
        index.Add([new(4, Phone: "+86 13800138000", Email: "B@B.CN"), new(5, Phone: "13800138000")]);

        var partition = index.Partition();
        Assert.DoesNotContain(partition, c => c.Contains(1) && c.Contains(2));
        Assert.Equal([[1L, 4L, 5L], [2L, 3L]], partition);
    }

    [Fact]
    public void Split_SurvivesResolvingTheSameRecordsAgainPlusNewOnes()
    {
        IdentityRecord[] first = [new(1, Phone: "13800138000"), new(2, Phone: "13800138000", Email: "b@b.cn"), new(3, Email: "b@b.cn")];
        var index = IdentityIndex.Create();
        index.Add(first);
        index.Split([2, 3]);
        IdentityRecord[] next = [new(4, Email: "b@b.cn", MemberNo: "M4"), new(5, Phone: "13800138000", MemberNo: "m4")];

        var again = IdentityResolver.Resolve([.. first, .. next], constraints: index.Constraints);
        index.Add(next);
        index.Reresolve();

        Assert.Equal([[1L, 4L, 5L], [2L, 3L]], IdentityResolverTests.Partition(again));
        Assert.Equal(IdentityResolverTests.Partition(again), index.Partition());
    }

    [Fact]
    public void Split_RecordsOfTwoProfiles_Throws()
    {
        var index = IdentityIndex.Create();
        index.Add([new(1, Phone: "13800138000"), new(2, Phone: "13900139000")]);

        Assert.Throws<ArgumentException>(() => index.Split([1, 2]));
    }

    [Fact]
    public void Split_WholeProfile_Throws()
    {
        var index = IdentityIndex.Create();
        index.Add([new(1, Phone: "13800138000"), new(2, Phone: "13800138000")]);

        Assert.Throws<ArgumentException>(() => index.Split([1, 2]));
    }

    [Fact]
    public void Reresolve_AfterLoadingConsistentAssignment_ChangesNothing()
    {
        var data = SyntheticIdentities.Generate(1_000, seed: 9);
        var index = IdentityIndex.FromResolution(data.Records, IdentityResolver.Resolve(data.Records));

        var update = index.Reresolve();

        Assert.Empty(update.Assignments);
        Assert.Empty(update.Profiles);
    }

    [Fact]
    public void Explain_Record_ReturnsItsProfileWithLinks()
    {
        var index = IdentityIndex.Create();
        index.Add([new(1, Phone: "13800138000"), new(2, Phone: "13800138000", Email: "b@b.cn"), new(3, Email: "b@b.cn"), new(4)]);

        var explanation = index.Explain(3);

        Assert.Equal(1, explanation.ProfileId);
        Assert.Equal([1L, 2L, 3L], explanation.RecordIds);
        Assert.Equal(
            [new IdentityLink(1, 2, new Identifier(IdentifierKind.Phone, "13800138000")), new IdentityLink(2, 3, new Identifier(IdentifierKind.Email, "b@b.cn"))],
            explanation.Links);
    }

    [Theory]
    [InlineData(1, 3, 8)]
    [InlineData(2, 7, 8)]
    [InlineData(3, 20, 3)]
    [InlineData(4, 2, 2)]
    public void Add_InBatches_EqualsBatchResolution(int seed, int batches, int maxFanout)
    {
        var data = SyntheticIdentities.Generate(4_000, seed);
        var settings = new IdentityResolutionSettings(maxFanout);
        var random = new Random(seed);
        var shuffled = data.Records.OrderBy(_ => random.Next()).ToList();
        var index = IdentityIndex.Create(settings);

        foreach (var chunk in shuffled.Chunk((shuffled.Count / batches) + 1))
        {
            index.Add(chunk);
        }

        var batch = IdentityResolver.Resolve(data.Records, settings);
        Assert.Equal(batch.Clusters.Select(c => c.RecordIds), index.Partition());
        Assert.Equal(batch.Blocked, index.BlockedIdentifiers());
    }

    [Theory]
    [InlineData(21)]
    [InlineData(22)]
    [InlineData(23)]
    public void Add_InBatchesWithSplits_EqualsBatchResolutionWithTheSameConstraints(int seed)
    {
        var data = SyntheticIdentities.Generate(3_000, seed);
        var index = IdentityIndex.Create();
        var chunks = data.Records.Chunk(1_000).ToList();
        index.Add(chunks[0]);
        // The operator splits a few multi-record profiles between two batches.
        foreach (var profile in index.Partition().Where(p => p.Count >= 3).Take(10))
        {
            index.Split([profile[^1]]);
        }

        index.Add(chunks[1]);
        index.Add(chunks[2]);

        var batch = IdentityResolver.Resolve(data.Records, constraints: index.Constraints);
        Assert.Equal(10, index.Constraints.Count);
        Assert.Equal(batch.Clusters.Select(c => c.RecordIds), index.Partition());
    }

    [Fact]
    public void Update_Profiles_AreSpanningTreesAndAssignmentsCoverNewRecords()
    {
        var data = SyntheticIdentities.Generate(2_000, seed: 31);
        var index = IdentityIndex.Create();
        index.Add([.. data.Records.Take(1_500)]);

        var update = index.Add([.. data.Records.Skip(1_500)]);

        Assert.All(update.Profiles, p => Assert.True(IdentityResolverTests.IsSpanningTree(p)));
        Assert.Subset(update.Assignments.Select(a => a.RecordId).ToHashSet(), data.Records.Skip(1_500).Select(r => r.Id).ToHashSet());
        Assert.All(update.Assignments, a => Assert.Equal(a.ProfileId, index.ProfileOf(a.RecordId)));
    }
}

public class IdentityIndexRefreshTests
{
    [Fact]
    public void Refresh_RecordsLoadedWithProvisionalProfiles_EqualsBatchResolution()
    {
        var data = SyntheticIdentities.Generate(2_000, seed: 9);
        var old = data.Records.Take(1_800).ToList();
        var fresh = data.Records.Skip(1_800).ToList();
        var resolved = IdentityResolver.Resolve(old);
        var profileOf = resolved.Clusters.SelectMany(c => c.RecordIds.Select(id => (id, c.ProfileId))).ToDictionary(x => x.id, x => x.ProfileId);
        // New records arrive each with a profile of its own (as an import creates one customer per identity).
        var assigned = old.Select(r => (r, profileOf[r.Id])).Concat(fresh.Select((r, i) => (r, 10_000L + i))).ToList();
        var index = IdentityIndex.Load(assigned);

        var update = index.Refresh([.. fresh.Select(r => r.Id)]);

        Assert.Equal(IdentityResolver.Resolve(data.Records).Clusters.Select(c => c.RecordIds), index.Partition());
        Assert.All(update.Merges, m => Assert.True(m.Survivor < m.Absorbed.Min()));
    }

    [Fact]
    public void Refresh_IdentifierNowBlocked_SplitsTheProfileItJoined()
    {
        var settings = new IdentityResolutionSettings(MaxFanout: 2, Denied: [new Identifier(IdentifierKind.Phone, "13800000000")]);
        var index = IdentityIndex.Load(
        [
            (new IdentityRecord(1, Phone: "13800000000"), 1L),
            (new IdentityRecord(2, Phone: "13800000000"), 1L),
            (new IdentityRecord(3, Phone: "13800000000"), 7L),
        ], settings);

        var update = index.Refresh([3]);

        Assert.Equal(3, index.Partition().Count);
        Assert.Equal(1, index.ProfileOf(1));
        Assert.Single(update.CreatedProfileIds);
    }

    [Fact]
    public void Load_NextProfileIdAboveLoaded_NewProfilesStartThere()
    {
        var index = IdentityIndex.Load([(new IdentityRecord(1, Phone: "13800138000"), 3L)], nextProfileId: 100);

        var update = index.Add([new(2, Email: "a@b.cn")]);

        Assert.Equal([100L], update.CreatedProfileIds);
    }
}
