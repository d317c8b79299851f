namespace Dashboard.Domain.Identity;

/// <summary>
/// An existing resolution kept for incremental work: every record with its profile, an index from
/// each normalized identifier to the records that carry it, and the operators' cannot-link constraints.
/// <para>
/// <see cref="Add"/> resolves new records without recomputing everything: only the records reachable
/// from the new ones through identifiers that link (not blocked, on two or more records) are resolved
/// again, with the same canonical order as <see cref="IdentityResolver"/>, so the partition equals a
/// batch resolution of all records so far. When an identifier crosses the fan-out cap, the profiles it
/// had joined are resolved again too and may split.
/// </para>
/// <para>
/// Profile ids: a profile keeps its id as long as it keeps its anchor, its lowest record id (the
/// oldest source identity). When several existing profiles become one, the lowest profile id survives
/// (profile ids are handed out in ascending order, so the lowest is the oldest). A part that loses the
/// anchor (a split) and every new person get new ids, from one above the highest id seen, in order of
/// their lowest record id, so resolving records into an empty index numbers profiles exactly as a batch
/// resolution does.
/// </para>
/// <para>
/// Changing the fan-out cap or the deny list invalidates the index: load it with the new settings and
/// call <see cref="Reresolve"/>. Not thread-safe.
/// </para>
/// </summary>
public sealed class IdentityIndex
{
    private const int Kinds = 3;
    private const long Unassigned = long.MinValue;

    private readonly BlockRule _rule;
    private readonly IdentifierTable _table = new();
    private readonly List<int> _slotFirst = [];
    private readonly List<List<int>?> _slotRest = [];
    private readonly List<long> _ids = [];
    private readonly Dictionary<long, int> _denseOf = [];
    private readonly List<long> _profileOf = [];
    private readonly List<int> _slotsOfRecord = [];
    private readonly List<CannotLink> _constraints = [];
    private Dictionary<long, List<int>> _tagsById = [];
    private long _nextProfileId = 1;

    private IdentityIndex(IdentityResolutionSettings settings, IReadOnlyList<CannotLink> constraints)
    {
        _rule = new BlockRule(settings);
        _constraints.AddRange(constraints);
        _tagsById = ClusterCore.TagsById(_constraints);
    }

    public int RecordCount => _ids.Count;

    /// <summary>The operators' splits in force, in the order they were made (persist these with the profiles).</summary>
    public IReadOnlyList<CannotLink> Constraints => _constraints;

    /// <summary>An empty index.</summary>
    public static IdentityIndex Create(IdentityResolutionSettings? settings = null, IReadOnlyList<CannotLink>? constraints = null) =>
        new(settings ?? IdentityResolutionSettings.Default, constraints ?? []);

    /// <summary>
    /// An index over records already assigned to profiles (as stored). The assignment is trusted: it
    /// must be one this resolver produced with the same settings and constraints; otherwise call
    /// <see cref="Reresolve"/> once after loading.
    /// </summary>
    /// <param name="assigned">Records with their stored profile ids.</param>
    /// <param name="settings">Resolution settings (cap, deny list).</param>
    /// <param name="constraints">The operators' splits in force.</param>
    /// <param name="nextProfileId">
    /// The lowest id a new profile may get. Profile ids above every loaded one are used anyway; raise this when
    /// only part of a store is loaded, so new ids cannot collide with profiles that were not loaded.
    /// </param>
    public static IdentityIndex Load(
        IEnumerable<(IdentityRecord Record, long ProfileId)> assigned,
        IdentityResolutionSettings? settings = null,
        IReadOnlyList<CannotLink>? constraints = null,
        long nextProfileId = 1)
    {
        var index = Create(settings, constraints);
        index._nextProfileId = Math.Max(1, nextProfileId);
        foreach (var (record, profileId) in assigned)
        {
            if (profileId == Unassigned)
            {
                throw new ArgumentOutOfRangeException(nameof(assigned), profileId, $"record {record.Id} has an invalid profile id");
            }
            index.Insert(record, null, null);
            index._profileOf[^1] = profileId;
            index._nextProfileId = Math.Max(index._nextProfileId, profileId + 1);
        }
        return index;
    }

    /// <summary>An index holding a batch resolution of <paramref name="records"/> (with the same settings and constraints).</summary>
    public static IdentityIndex FromResolution(
        IReadOnlyList<IdentityRecord> records,
        IdentityResolution resolution,
        IdentityResolutionSettings? settings = null,
        IReadOnlyList<CannotLink>? constraints = null)
    {
        var profileOf = new Dictionary<long, long>(records.Count);
        foreach (var cluster in resolution.Clusters)
        {
            foreach (var id in cluster.RecordIds)
            {
                profileOf[id] = cluster.ProfileId;
            }
        }
        return Load(records.Select(r => (r, profileOf.TryGetValue(r.Id, out var p)
            ? p
            : throw new ArgumentException($"record {r.Id} is not in the resolution", nameof(resolution)))), settings, constraints);
    }

    public bool Contains(long recordId) => _denseOf.ContainsKey(recordId);

    /// <summary>The profile of a record; throws <see cref="KeyNotFoundException"/> for an unknown record.</summary>
    public long ProfileOf(long recordId) => _profileOf[Dense(recordId)];

    /// <summary>Every profile's record ids (ascending), profiles ordered by their lowest record id.</summary>
    public IReadOnlyList<IReadOnlyList<long>> Partition()
    {
        var byProfile = new Dictionary<long, List<long>>();
        var order = Enumerable.Range(0, _ids.Count).OrderBy(d => _ids[d]);
        foreach (var d in order)
        {
            if (!byProfile.TryGetValue(_profileOf[d], out var list))
            {
                byProfile[_profileOf[d]] = list = [];
            }
            list.Add(_ids[d]);
        }
        return [.. byProfile.Values.OrderBy(l => l[0])];
    }

    /// <summary>Identifiers currently not used to merge, ordered by kind and value.</summary>
    public IReadOnlyList<BlockedIdentifier> BlockedIdentifiers()
    {
        var blocked = new List<BlockedIdentifier>();
        for (var s = 0; s < _table.Count; s++)
        {
            if (_rule.Reason(_table.Identifier(s), MemberCount(s)) is { } reason)
            {
                blocked.Add(new BlockedIdentifier(_table.Kind(s), _table.Value(s), MemberCount(s), reason));
            }
        }
        blocked.Sort((a, b) => ClusterCore.CompareGroups(new Identifier(a.Kind, a.Value), new Identifier(b.Kind, b.Value)));
        return blocked;
    }

    /// <summary>The profile of <paramref name="recordId"/> with the links that explain it (computed, not stored).</summary>
    public IdentityCluster Explain(long recordId)
    {
        var solved = Solve([Dense(recordId)]);
        var target = solved.ClusterOf[solved.LocalOf[Dense(recordId)]];
        var members = solved.Members(target);
        return new IdentityCluster(ProfileOf(recordId), [.. members.Select(d => _ids[d])], solved.Links(target, _ids, _table));
    }

    /// <summary>
    /// Resolves new records (ids not yet in the index) against the existing profiles: each joins,
    /// bridges or starts a profile. Only the part of the graph the new records reach is recomputed.
    /// </summary>
    public IdentityUpdate Add(IReadOnlyList<IdentityRecord> records)
    {
        var seen = new HashSet<long>();
        foreach (var record in records)
        {
            if (!seen.Add(record.Id) || _denseOf.ContainsKey(record.Id))
            {
                throw new ArgumentException($"record id {record.Id} is already in the index or appears twice", nameof(records));
            }
        }
        var countBefore = new Dictionary<int, int>();
        var rejected = new List<RejectedIdentifier>();
        var seeds = new List<int>(records.Count);
        foreach (var record in records)
        {
            seeds.Add(Insert(record, countBefore, rejected));
        }
        var newlyBlocked = new List<BlockedIdentifier>();
        foreach (var (slot, before) in countBefore)
        {
            var identifier = _table.Identifier(slot);
            var now = MemberCount(slot);
            var wasBlocked = before > 0 && _rule.Reason(identifier, before) is not null;
            if (wasBlocked || _rule.Reason(identifier, now) is not { } reason)
            {
                continue;
            }
            newlyBlocked.Add(new BlockedIdentifier(identifier.Kind, identifier.Value, now, reason));
            if (before >= 2)
            {
                // It used to link its records: the profiles it joined are resolved again (and may split).
                seeds.AddRange(Members(slot).Take(before));
            }
        }
        newlyBlocked.Sort((a, b) => ClusterCore.CompareGroups(new Identifier(a.Kind, a.Value), new Identifier(b.Kind, b.Value)));
        return Apply(Solve(seeds), newlyBlocked, rejected);
    }

    /// <summary>
    /// An operator's split: the given records (all of one profile, not all of it) are not the same
    /// person as the rest of that profile. Records a cannot-link constraint (kept in
    /// <see cref="Constraints"/>, so later additions and re-resolutions honour it) and resolves the
    /// profile again. The part holding the profile's oldest record keeps the profile id.
    /// </summary>
    public IdentityUpdate Split(IReadOnlyCollection<long> recordIds)
    {
        if (recordIds.Count == 0)
        {
            throw new ArgumentException("a split needs at least one record", nameof(recordIds));
        }
        var dense = recordIds.Distinct().Select(Dense).ToList();
        var profile = _profileOf[dense[0]];
        if (dense.Any(d => _profileOf[d] != profile))
        {
            throw new ArgumentException("the records to split off must all belong to one profile", nameof(recordIds));
        }
        var solved = Solve(dense);
        var moving = dense.ToHashSet();
        var rest = solved.Records.Where(d => _profileOf[d] == profile && !moving.Contains(d)).Select(d => _ids[d]).ToList();
        if (rest.Count == 0)
        {
            throw new ArgumentException($"the records are all of profile {profile}: there is nothing to split them from", nameof(recordIds));
        }
        _constraints.Add(new CannotLink([.. moving.Select(d => _ids[d]).Order()], [.. rest.Order()]));
        _tagsById = ClusterCore.TagsById(_constraints);
        return Apply(Solve(dense), [], []);
    }

    /// <summary>
    /// Resolves again the part of the graph reachable from <paramref name="recordIds"/> (records already in the
    /// index, e.g. loaded with a provisional profile of their own). The records of every identifier they carry
    /// that does not link (blocked) are resolved again too: a profile that such an identifier used to join may
    /// have to split. Everything outside that part keeps its (trusted) assignment. Newly blocked identifiers are
    /// not reported here (the index does not know the counts before); compare <see cref="BlockedIdentifiers"/>.
    /// </summary>
    public IdentityUpdate Refresh(IReadOnlyCollection<long> recordIds)
    {
        var seeds = new List<int>(recordIds.Count);
        var blockedSlots = new HashSet<int>();
        foreach (var id in recordIds)
        {
            var d = Dense(id);
            seeds.Add(d);
            for (var k = 0; k < Kinds; k++)
            {
                var slot = _slotsOfRecord[(d * Kinds) + k];
                if (slot >= 0 && MemberCount(slot) >= 2 && !Links(slot) && blockedSlots.Add(slot))
                {
                    seeds.AddRange(Members(slot));
                }
            }
        }
        return Apply(Solve(seeds), [], []);
    }

    /// <summary>Resolves every record again (after loading with new settings or an untrusted assignment).</summary>
    public IdentityUpdate Reresolve() => Apply(Solve([.. Enumerable.Range(0, _ids.Count)]), [], []);

    private int Dense(long recordId) =>
        _denseOf.TryGetValue(recordId, out var d) ? d : throw new KeyNotFoundException($"record {recordId} is not in the index");

    private int MemberCount(int slot) => 1 + (_slotRest[slot]?.Count ?? 0);

    private IEnumerable<int> Members(int slot)
    {
        yield return _slotFirst[slot];
        if (_slotRest[slot] is { } rest)
        {
            foreach (var d in rest)
            {
                yield return d;
            }
        }
    }

    private bool Links(int slot) => MemberCount(slot) >= 2 && _rule.Reason(_table.Identifier(slot), MemberCount(slot)) is null;

    private int Insert(IdentityRecord record, Dictionary<int, int>? countBefore, List<RejectedIdentifier>? rejected)
    {
        if (!_denseOf.TryAdd(record.Id, _ids.Count))
        {
            throw new ArgumentException($"record id {record.Id} appears more than once");
        }
        var d = _ids.Count;
        _ids.Add(record.Id);
        _profileOf.Add(Unassigned);
        for (var k = 0; k < Kinds; k++)
        {
            var slot = -1;
            var raw = record.Raw((IdentifierKind)k);
            if (!string.IsNullOrWhiteSpace(raw))
            {
                var value = IdentifierNormalizer.Normalize((IdentifierKind)k, raw);
                if (value is null)
                {
                    rejected?.Add(new RejectedIdentifier(record.Id, (IdentifierKind)k, raw));
                }
                else
                {
                    slot = AddMember(_table.GetOrAdd((IdentifierKind)k, value), d, countBefore);
                }
            }
            _slotsOfRecord.Add(slot);
        }
        return d;
    }

    private int AddMember(int slot, int d, Dictionary<int, int>? countBefore)
    {
        if (slot == _slotFirst.Count)
        {
            countBefore?.TryAdd(slot, 0);
            _slotFirst.Add(d);
            _slotRest.Add(null);
            return slot;
        }
        countBefore?.TryAdd(slot, MemberCount(slot));
        (_slotRest[slot] ??= []).Add(d);
        return slot;
    }

    // Resolves the records reachable from the seeds through linking identifiers, with the canonical order.
    private LocalSolution Solve(List<int> seeds)
    {
        var localOf = new Dictionary<int, int>();
        var queue = new Queue<int>();
        var slots = new HashSet<int>();
        foreach (var seed in seeds)
        {
            if (localOf.TryAdd(seed, 0))
            {
                queue.Enqueue(seed);
            }
        }
        while (queue.TryDequeue(out var d))
        {
            for (var k = 0; k < Kinds; k++)
            {
                var slot = _slotsOfRecord[(d * Kinds) + k];
                if (slot < 0 || !Links(slot) || !slots.Add(slot))
                {
                    continue;
                }
                foreach (var m in Members(slot))
                {
                    if (localOf.TryAdd(m, 0))
                    {
                        queue.Enqueue(m);
                    }
                }
            }
        }
        var records = localOf.Keys.OrderBy(d => _ids[d]).ToArray();
        for (var i = 0; i < records.Length; i++)
        {
            localOf[records[i]] = i;
        }
        var unionFind = new ConstrainedUnionFind(records.Length);
        for (var i = 0; i < records.Length; i++)
        {
            if (_tagsById.TryGetValue(_ids[records[i]], out var tags))
            {
                tags.ForEach(t => unionFind.AddTag(i, t));
            }
        }
        var groups = slots.ToList();
        groups.Sort(_table.Compare);
        var links = new List<LocalLink>();
        foreach (var slot in groups)
        {
            var members = Members(slot).Select(m => localOf[m]).ToArray();
            Array.Sort(members);
            ClusterCore.ApplyGroup(unionFind, members, slot, links);
        }
        var (clusterOf, count) = ClusterCore.Label(unionFind);
        return new LocalSolution(records, localOf, clusterOf, count, links);
    }

    // Turns a local solution into profile ids (anchors, survivors, new ids) and records the changes.
    private IdentityUpdate Apply(LocalSolution solved, List<BlockedIdentifier> newlyBlocked, List<RejectedIdentifier> rejected)
    {
        // The part solved holds every record of each profile it touches, so these are whole-profile figures.
        var anchorOf = new Dictionary<long, int>();
        var sizeOf = new Dictionary<long, int>();
        for (var i = 0; i < solved.Records.Length; i++)
        {
            var profile = _profileOf[solved.Records[i]];
            if (profile != Unassigned)
            {
                anchorOf.TryAdd(profile, i);
                sizeOf[profile] = sizeOf.GetValueOrDefault(profile) + 1;
            }
        }
        var oldProfile = solved.Records.Select(d => _profileOf[d]).ToArray();
        var profiles = new List<IdentityCluster>();
        var created = new List<long>();
        var merges = new List<ProfileMerge>();
        var assignments = new List<RecordAssignment>();
        var splits = new Dictionary<(long From, long To), List<long>>();
        for (var c = 0; c < solved.ClusterCount; c++)
        {
            var members = solved.Members(c);
            var anchored = Anchored(solved, members, oldProfile, anchorOf);
            long survivor;
            if (anchored.Count > 0)
            {
                survivor = anchored[0];
                if (anchored.Count > 1)
                {
                    merges.Add(new ProfileMerge(survivor, anchored[1..]));
                }
            }
            else
            {
                survivor = _nextProfileId++;
                created.Add(survivor);
            }
            // Unchanged only if it continues exactly one profile, whole (it may have lost records to a split).
            var changed = anchored.Count != 1 || sizeOf[anchored[0]] != members.Count;
            foreach (var d in members)
            {
                var before = oldProfile[solved.LocalOf[d]];
                if (before == survivor)
                {
                    continue;
                }
                changed = true;
                _profileOf[d] = survivor;
                assignments.Add(new RecordAssignment(_ids[d], survivor));
                if (before != Unassigned && !anchored.Contains(before))
                {
                    if (!splits.TryGetValue((before, survivor), out var moved))
                    {
                        splits[(before, survivor)] = moved = [];
                    }
                    moved.Add(_ids[d]);
                }
            }
            if (changed)
            {
                profiles.Add(new IdentityCluster(survivor, [.. members.Select(d => _ids[d])], solved.Links(c, _ids, _table)));
            }
        }
        assignments.Sort((a, b) => a.RecordId.CompareTo(b.RecordId));
        return new IdentityUpdate(
            profiles,
            created,
            merges,
            [.. splits.Select(s => new ProfileSplit(s.Key.From, s.Key.To, s.Value))],
            assignments,
            newlyBlocked,
            rejected);
    }

    // The existing profiles whose anchor (oldest record) is in this cluster, ascending: they continue here.
    private static List<long> Anchored(LocalSolution solved, List<int> members, long[] oldProfile, Dictionary<long, int> anchorOf)
    {
        var anchored = new List<long>();
        foreach (var d in members)
        {
            var local = solved.LocalOf[d];
            if (oldProfile[local] != Unassigned && anchorOf[oldProfile[local]] == local)
            {
                anchored.Add(oldProfile[local]);
            }
        }
        anchored.Sort();
        return anchored;
    }

    /// <summary>A resolution of a closed part of the graph: Records (dense, ascending id) and their clusters.</summary>
    private sealed record LocalSolution(int[] Records, Dictionary<int, int> LocalOf, int[] ClusterOf, int ClusterCount, List<LocalLink> AllLinks)
    {
        private List<int>[]? _members;
        private List<LocalLink>[]? _links;

        /// <summary>Dense record numbers of cluster c, ascending by record id.</summary>
        public List<int> Members(int c)
        {
            if (_members is null)
            {
                _members = new List<int>[ClusterCount];
                for (var i = 0; i < Records.Length; i++)
                {
                    (_members[ClusterOf[i]] ??= []).Add(Records[i]);
                }
            }
            return _members[c];
        }

        public IReadOnlyList<IdentityLink> Links(int c, List<long> ids, IdentifierTable table)
        {
            if (_links is null)
            {
                _links = new List<LocalLink>[ClusterCount];
                foreach (var link in AllLinks)
                {
                    (_links[ClusterOf[link.A]] ??= []).Add(link);
                }
            }
            return _links[c] is { } list
                ? [.. list.Select(l => new IdentityLink(ids[Records[l.A]], ids[Records[l.B]], table.Identifier(l.Group)))]
                : [];
        }
    }
}
