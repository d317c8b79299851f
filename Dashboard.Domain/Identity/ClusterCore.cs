namespace Dashboard.Domain.Identity;

/// <summary>A union made by identifier group <see cref="Group"/> between local elements A and B.</summary>
internal readonly record struct LocalLink(int A, int B, int Group);

/// <summary>
/// The matching step shared by batch and incremental resolution. Both apply identifier groups in the
/// same canonical order (kind: member number, phone, email; then value, ordinal) with members in
/// ascending record id, so with cannot-link constraints the outcome depends only on the records, the
/// identifiers and the constraints, never on input order or on how the records were batched.
/// </summary>
internal static class ClusterCore
{
    public static int CompareGroups(Identifier a, Identifier b)
    {
        var byKind = a.Kind.CompareTo(b.Kind);
        return byKind != 0 ? byKind : string.CompareOrdinal(a.Value, b.Value);
    }

    /// <summary>
    /// Tries the pairs of one identifier's records (members ascending by record id) in lexicographic
    /// order: first the lowest member with each other member (a star), and only if one of those unions
    /// was refused by a constraint, every remaining pair. Without a refusal every later pair is already
    /// joined, so this is exactly "all pairs in lexicographic order" at the cost of a star.
    /// </summary>
    public static void ApplyGroup(ConstrainedUnionFind unionFind, ReadOnlySpan<int> members, int group, List<LocalLink> links)
    {
        var refused = false;
        for (var j = 1; j < members.Length; j++)
        {
            refused |= Try(unionFind, members[0], members[j], group, links);
        }
        if (!refused)
        {
            return;
        }
        for (var i = 1; i < members.Length; i++)
        {
            for (var j = i + 1; j < members.Length; j++)
            {
                Try(unionFind, members[i], members[j], group, links);
            }
        }
    }

    /// <summary>
    /// Numbers the sets 0..k-1 in order of their lowest element. Returns each element's cluster number
    /// and the number of clusters.
    /// </summary>
    public static (int[] ClusterOf, int Count) Label(ConstrainedUnionFind unionFind)
    {
        var clusterOfRoot = new int[unionFind.Count];
        Array.Fill(clusterOfRoot, -1);
        var clusterOf = new int[unionFind.Count];
        var count = 0;
        for (var i = 0; i < clusterOf.Length; i++)
        {
            var root = unionFind.Find(i);
            if (clusterOfRoot[root] < 0)
            {
                clusterOfRoot[root] = count++;
            }
            clusterOf[i] = clusterOfRoot[root];
        }
        return (clusterOf, count);
    }

    /// <summary>Cannot-link tags by record id: constraint c tags its left side 2c and its right side 2c + 1.</summary>
    public static Dictionary<long, List<int>> TagsById(IReadOnlyList<CannotLink> constraints)
    {
        var tags = new Dictionary<long, List<int>>();
        for (var c = 0; c < constraints.Count; c++)
        {
            constraints[c].Validate();
            foreach (var id in constraints[c].Left)
            {
                AddTag(tags, id, 2 * c);
            }
            foreach (var id in constraints[c].Right)
            {
                AddTag(tags, id, (2 * c) + 1);
            }
        }
        return tags;
    }

    private static void AddTag(Dictionary<long, List<int>> tags, long id, int tag)
    {
        if (!tags.TryGetValue(id, out var list))
        {
            tags[id] = list = [];
        }
        list.Add(tag);
    }

    private static bool Try(ConstrainedUnionFind unionFind, int a, int b, int group, List<LocalLink> links)
    {
        switch (unionFind.TryUnion(a, b))
        {
            case UnionOutcome.Joined:
                links.Add(new LocalLink(a, b, group));
                return false;
            case UnionOutcome.Refused:
                return true;
            default:
                return false;
        }
    }
}
