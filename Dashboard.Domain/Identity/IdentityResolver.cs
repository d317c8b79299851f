namespace Dashboard.Domain.Identity;

/// <summary>
/// Resolves source records into profiles (one per person) from scratch. Two records are the same
/// person when they share a normalized identifier of the same kind (<see cref="IdentifierNormalizer"/>);
/// the relation is transitive (A~B by phone and B~C by email puts A, B and C in one profile).
/// Identifiers on more records than <see cref="IdentityResolutionSettings.MaxFanout"/>, or denied, link
/// nothing and are reported. Cannot-link constraints are honoured by refusing any union that would join
/// their two sides; identifiers are applied in a canonical order (kind, then value) so the result does
/// not depend on the order of the input. For adding records to an existing resolution use
/// <see cref="IdentityIndex"/>, which gives the same result.
/// </summary>
public static class IdentityResolver
{
    private const int Kinds = 3;

    /// <summary>
    /// Resolves <paramref name="records"/> (unique ids). Clusters come ordered by their lowest record id
    /// and numbered 1..k in that order. Time O(n α(n) + m log m) for n records and m shared identifiers.
    /// </summary>
    public static IdentityResolution Resolve(
        IReadOnlyList<IdentityRecord> records,
        IdentityResolutionSettings? settings = null,
        IReadOnlyList<CannotLink>? constraints = null)
    {
        var rule = new BlockRule(settings ?? IdentityResolutionSettings.Default);
        var (ids, order) = SortById(records);
        var catalog = Catalog(records, order);
        var (linkable, blocked) = Classify(catalog, rule);
        var (offsets, members) = MemberRows(catalog, linkable, ids.Length);

        var unionFind = new ConstrainedUnionFind(ids.Length);
        foreach (var (id, tags) in ClusterCore.TagsById(constraints ?? []))
        {
            var d = Array.BinarySearch(ids, id);
            if (d >= 0)
            {
                tags.ForEach(t => unionFind.AddTag(d, t));
            }
        }
        var links = new List<LocalLink>();
        for (var i = 0; i < linkable.Count; i++)
        {
            ClusterCore.ApplyGroup(unionFind, members.AsSpan(offsets[i], offsets[i + 1] - offsets[i]), linkable[i], links);
        }

        var clusters = BuildClusters(unionFind, ids, links, catalog.Table);
        return new IdentityResolution(clusters, blocked, catalog.Rejected);
    }

    /// <summary>Each record's identifier numbers (Kinds per record, -1 = none), how many records carry each, and the rejected values.</summary>
    private sealed record IdentifierCatalog(IdentifierTable Table, int[] SlotOf, List<int> Counts, List<RejectedIdentifier> Rejected);

    private static IdentifierCatalog Catalog(IReadOnlyList<IdentityRecord> records, int[] order)
    {
        var catalog = new IdentifierCatalog(new IdentifierTable(), new int[order.Length * Kinds], [], []);
        for (var d = 0; d < order.Length; d++)
        {
            var record = records[order[d]];
            for (var k = 0; k < Kinds; k++)
            {
                var slot = -1;
                var raw = record.Raw((IdentifierKind)k);
                if (!string.IsNullOrWhiteSpace(raw))
                {
                    var value = IdentifierNormalizer.Normalize((IdentifierKind)k, raw);
                    if (value is null)
                    {
                        catalog.Rejected.Add(new RejectedIdentifier(record.Id, (IdentifierKind)k, raw));
                    }
                    else
                    {
                        slot = catalog.Table.GetOrAdd((IdentifierKind)k, value);
                        if (slot == catalog.Counts.Count)
                        {
                            catalog.Counts.Add(0);
                        }
                        catalog.Counts[slot]++;
                    }
                }
                catalog.SlotOf[(d * Kinds) + k] = slot;
            }
        }
        return catalog;
    }

    // Linkable identifiers (on two or more records, not blocked) in canonical order, and the blocked ones.
    private static (List<int> Linkable, List<BlockedIdentifier> Blocked) Classify(IdentifierCatalog catalog, BlockRule rule)
    {
        var (table, counts) = (catalog.Table, catalog.Counts);
        var blocked = new List<BlockedIdentifier>();
        var linkable = new List<int>();
        for (var s = 0; s < table.Count; s++)
        {
            if (rule.Reason(table.Identifier(s), counts[s]) is { } reason)
            {
                blocked.Add(new BlockedIdentifier(table.Kind(s), table.Value(s), counts[s], reason));
            }
            else if (counts[s] >= 2)
            {
                linkable.Add(s);
            }
        }
        blocked.Sort((a, b) => ClusterCore.CompareGroups(new Identifier(a.Kind, a.Value), new Identifier(b.Kind, b.Value)));
        linkable.Sort(table.Compare);
        return (linkable, blocked);
    }

    // The records of each linkable identifier, ascending by record id, as compressed rows: row i is
    // members[offsets[i]..offsets[i + 1]].
    private static (int[] Offsets, int[] Members) MemberRows(IdentifierCatalog catalog, List<int> linkable, int recordCount)
    {
        var rowOf = new int[catalog.Table.Count];
        Array.Fill(rowOf, -1);
        var offsets = new int[linkable.Count + 1];
        for (var i = 0; i < linkable.Count; i++)
        {
            rowOf[linkable[i]] = i;
            offsets[i + 1] = offsets[i] + catalog.Counts[linkable[i]];
        }
        var members = new int[offsets[^1]];
        var fill = offsets[..^1];
        for (var d = 0; d < recordCount; d++)
        {
            for (var k = 0; k < Kinds; k++)
            {
                var slot = catalog.SlotOf[(d * Kinds) + k];
                if (slot >= 0 && rowOf[slot] >= 0)
                {
                    members[fill[rowOf[slot]]++] = d;
                }
            }
        }
        return (offsets, members);
    }

    private static (long[] Ids, int[] Order) SortById(IReadOnlyList<IdentityRecord> records)
    {
        var ids = new long[records.Count];
        var order = new int[records.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = records[i].Id;
            order[i] = i;
        }
        Array.Sort(ids, order);
        for (var i = 1; i < ids.Length; i++)
        {
            if (ids[i] == ids[i - 1])
            {
                throw new ArgumentException($"record id {ids[i]} appears more than once", nameof(records));
            }
        }
        return (ids, order);
    }

    private static List<IdentityCluster> BuildClusters(ConstrainedUnionFind unionFind, long[] ids, List<LocalLink> links, IdentifierTable table)
    {
        var (clusterOf, count) = ClusterCore.Label(unionFind);
        var sizes = new int[count];
        foreach (var c in clusterOf)
        {
            sizes[c]++;
        }
        var recordIds = new long[count][];
        for (var c = 0; c < count; c++)
        {
            recordIds[c] = new long[sizes[c]];
        }
        var filled = new int[count];
        for (var d = 0; d < clusterOf.Length; d++)
        {
            var c = clusterOf[d];
            recordIds[c][filled[c]++] = ids[d];
        }
        var clusterLinks = new List<IdentityLink>?[count];
        foreach (var link in links)
        {
            (clusterLinks[clusterOf[link.A]] ??= []).Add(new IdentityLink(ids[link.A], ids[link.B], table.Identifier(link.Group)));
        }
        var clusters = new List<IdentityCluster>(count);
        for (var c = 0; c < count; c++)
        {
            clusters.Add(new IdentityCluster(c + 1, recordIds[c], (IReadOnlyList<IdentityLink>?)clusterLinks[c] ?? []));
        }
        return clusters;
    }
}
