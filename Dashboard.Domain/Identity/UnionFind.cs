namespace Dashboard.Domain.Identity;

/// <summary>
/// Disjoint sets over 0..count-1 with path compression and union by rank (Tarjan 1975: near-constant
/// amortized time per operation), extended with cannot-link tags: an element may carry tags
/// (constraint number * 2 + side), each root holds the union of its set's tags, and a union that would
/// bring tag t and its opposite t ^ 1 into one set is refused.
/// </summary>
internal sealed class ConstrainedUnionFind
{
    private readonly int[] _parent;
    private readonly byte[] _rank;
    private readonly HashSet<int>?[] _tags;

    public ConstrainedUnionFind(int count)
    {
        _parent = new int[count];
        _rank = new byte[count];
        _tags = new HashSet<int>?[count];
        for (var i = 0; i < count; i++)
        {
            _parent[i] = i;
        }
    }

    public int Count => _parent.Length;

    /// <summary>Adds a cannot-link tag to an element; call before any union.</summary>
    public void AddTag(int element, int tag) => (_tags[element] ??= []).Add(tag);

    public int Find(int x)
    {
        var root = x;
        while (_parent[root] != root)
        {
            root = _parent[root];
        }
        while (_parent[x] != root)
        {
            var next = _parent[x];
            _parent[x] = root;
            x = next;
        }
        return root;
    }

    /// <summary>Joins the sets of a and b unless they are already one set or their tags conflict.</summary>
    public UnionOutcome TryUnion(int a, int b)
    {
        var ra = Find(a);
        var rb = Find(b);
        if (ra == rb)
        {
            return UnionOutcome.AlreadyJoined;
        }
        var ta = _tags[ra];
        var tb = _tags[rb];
        if (ta is not null && tb is not null && Conflict(ta, tb))
        {
            return UnionOutcome.Refused;
        }
        if (_rank[ra] < _rank[rb])
        {
            (ra, rb) = (rb, ra);
        }
        _parent[rb] = ra;
        if (_rank[ra] == _rank[rb])
        {
            _rank[ra]++;
        }
        _tags[ra] = MergeTags(_tags[ra], _tags[rb]);
        _tags[rb] = null;
        return UnionOutcome.Joined;
    }

    private static bool Conflict(HashSet<int> a, HashSet<int> b)
    {
        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        foreach (var tag in small)
        {
            if (large.Contains(tag ^ 1))
            {
                return true;
            }
        }
        return false;
    }

    private static HashSet<int>? MergeTags(HashSet<int>? a, HashSet<int>? b)
    {
        if (a is null || b is null)
        {
            return a ?? b;
        }
        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        large.UnionWith(small);
        return large;
    }
}

internal enum UnionOutcome
{
    Joined,
    AlreadyJoined,
    Refused,
}
