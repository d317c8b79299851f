namespace Dashboard.Domain.Identity;

/// <summary>
/// The kinds of identifier used to match records. The declaration order is the order in which
/// identifiers are applied when cannot-link constraints make the order matter: the brand's own
/// member number first (issued by the brand, the strongest evidence), then phone (verified by SMS on
/// most Chinese platforms), then email (least verified).
/// </summary>
public enum IdentifierKind
{
    MemberNo = 0,
    Phone = 1,
    Email = 2,
}

/// <summary>A normalized identifier: its kind and its value after <see cref="IdentifierNormalizer"/>.</summary>
public readonly record struct Identifier(IdentifierKind Kind, string Value)
{
    /// <summary>The identifier's kind as named in files and JSON: "member_no", "phone" or "email".</summary>
    public string KindCode => Kind.Code();
}

public static class IdentifierKindExtensions
{
    public static string Code(this IdentifierKind kind) => kind switch
    {
        IdentifierKind.MemberNo => "member_no",
        IdentifierKind.Phone => "phone",
        IdentifierKind.Email => "email",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown identifier kind"),
    };
}

/// <summary>
/// One source record (a source identity) as identity resolution sees it: a unique id and the raw
/// identifiers the source gave. Empty or null values mean "unknown". Lower ids are taken to be
/// older records: they decide which profile survives a merge.
/// </summary>
public sealed record IdentityRecord(long Id, string? Phone = null, string? Email = null, string? MemberNo = null)
{
    public string? Raw(IdentifierKind kind) => kind switch
    {
        IdentifierKind.MemberNo => MemberNo,
        IdentifierKind.Phone => Phone,
        IdentifierKind.Email => Email,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown identifier kind"),
    };
}

/// <summary>
/// An operator's split: the records in <paramref name="Left"/> are not the same person as the
/// records in <paramref name="Right"/>. Resolution never puts a record of one side in a profile with
/// a record of the other side. It does not glue either side together: records only stay together when
/// identifiers link them. Ids of records that are not (yet) present are ignored until they arrive.
/// </summary>
public sealed record CannotLink(IReadOnlyList<long> Left, IReadOnlyList<long> Right)
{
    /// <summary>Throws <see cref="ArgumentException"/> when a side is empty or a record is on both sides.</summary>
    public void Validate()
    {
        if (Left.Count == 0 || Right.Count == 0)
        {
            throw new ArgumentException("a cannot-link constraint needs at least one record on each side");
        }
        var left = Left.ToHashSet();
        foreach (var id in Right)
        {
            if (left.Contains(id))
            {
                throw new ArgumentException($"record {id} is on both sides of a cannot-link constraint");
            }
        }
    }
}

/// <summary>
/// Settings of identity resolution.
/// </summary>
/// <param name="MaxFanout">
/// An identifier shared by more than this many records is not used to merge and is reported as
/// blocked. Default 8: the standard store has 8 sources and a source gives a person one id, so an
/// honest identifier sits on at most about one record per source; one found on more records than
/// that is shared by different people (a store's front-desk phone) or a placeholder (13800000000,
/// test@test.com). Raise it for brands with more sources or many duplicate accounts per platform.
/// </param>
/// <param name="Denied">Identifiers never used to merge whatever their count (an optional deny list; values may be raw, they are normalized before use).</param>
public sealed record IdentityResolutionSettings(int MaxFanout = IdentityResolutionSettings.DefaultMaxFanout, IReadOnlyList<Identifier>? Denied = null)
{
    public const int DefaultMaxFanout = 8;

    public static IdentityResolutionSettings Default { get; } = new();

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for a cap below 1.</summary>
    public void Validate()
    {
        if (MaxFanout < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxFanout), MaxFanout, "the fan-out cap must be at least 1");
        }
    }
}

/// <summary>Why an identifier was not used to merge.</summary>
public enum BlockReason
{
    /// <summary>Shared by more records than the fan-out cap.</summary>
    Fanout,
    /// <summary>On the configured deny list.</summary>
    Denied,
}

/// <summary>An identifier that was not used to merge: its kind, normalized value and how many records carry it.</summary>
public sealed record BlockedIdentifier(IdentifierKind Kind, string Value, int Records, BlockReason Reason);

/// <summary>A raw value that is not a plausible identifier of its kind (so it links nothing), and the record that carries it.</summary>
public sealed record RejectedIdentifier(long RecordId, IdentifierKind Kind, string Raw);

/// <summary>Why two records are in one profile: record <paramref name="A"/> and record <paramref name="B"/> share <paramref name="Via"/>.</summary>
public sealed record IdentityLink(long A, long B, Identifier Via);

/// <summary>
/// One profile: its records (ascending ids) and the links that formed it, a spanning tree of the
/// records (records.Count - 1 links, in the order they were applied).
/// </summary>
public sealed record IdentityCluster(long ProfileId, IReadOnlyList<long> RecordIds, IReadOnlyList<IdentityLink> Links);

/// <summary>
/// The result of resolving a set of records from scratch. Clusters are ordered by their lowest record
/// id and numbered 1..k in that order; every input record is in exactly one cluster.
/// </summary>
public sealed record IdentityResolution(
    IReadOnlyList<IdentityCluster> Clusters,
    IReadOnlyList<BlockedIdentifier> Blocked,
    IReadOnlyList<RejectedIdentifier> Rejected);

/// <summary>Profiles <paramref name="Absorbed"/> were merged into <paramref name="Survivor"/> (the lowest profile id, the oldest).</summary>
public sealed record ProfileMerge(long Survivor, IReadOnlyList<long> Absorbed);

/// <summary>Records of profile <paramref name="From"/> were split off into the new profile <paramref name="To"/>.</summary>
public sealed record ProfileSplit(long From, long To, IReadOnlyList<long> RecordIds);

/// <summary>Record <paramref name="RecordId"/> now belongs to profile <paramref name="ProfileId"/>.</summary>
public sealed record RecordAssignment(long RecordId, long ProfileId);

/// <summary>
/// What an incremental step changed. Apply it to a store in this order: create
/// <see cref="CreatedProfileIds"/>, write <see cref="Assignments"/> (every record, new or existing,
/// whose profile is new or different), then delete the absorbed profiles of <see cref="Merges"/>.
/// </summary>
/// <param name="Profiles">Every profile created or changed, with all its records and links.</param>
/// <param name="CreatedProfileIds">Profiles that did not exist before (new people and split-off parts).</param>
/// <param name="Merges">Existing profiles that became one.</param>
/// <param name="Splits">Existing profiles that lost records to a new profile.</param>
/// <param name="Assignments">Records whose profile is new or different, ascending by record id.</param>
/// <param name="NewlyBlocked">Identifiers that crossed the fan-out cap (or arrived already denied) in this step.</param>
/// <param name="Rejected">Values of the new records that are not plausible identifiers.</param>
public sealed record IdentityUpdate(
    IReadOnlyList<IdentityCluster> Profiles,
    IReadOnlyList<long> CreatedProfileIds,
    IReadOnlyList<ProfileMerge> Merges,
    IReadOnlyList<ProfileSplit> Splits,
    IReadOnlyList<RecordAssignment> Assignments,
    IReadOnlyList<BlockedIdentifier> NewlyBlocked,
    IReadOnlyList<RejectedIdentifier> Rejected);
