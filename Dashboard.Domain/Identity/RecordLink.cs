namespace Dashboard.Domain.Identity;

/// <summary>
/// Why one record is in its profile: it was linked to <paramref name="LinkedTo"/> by the identifier
/// <paramref name="Via"/> they share. The profile's anchor (its lowest record id, the oldest) has neither.
/// </summary>
public sealed record RecordLink(long RecordId, long? LinkedTo, Identifier? Via);

public static class RecordLinks
{
    /// <summary>
    /// Orients a cluster's links (a spanning tree) from its anchor, the lowest record id: every other record
    /// gets the link on its path towards the anchor. Records come back ascending by id. A cluster whose links do
    /// not reach every record (not produced by the resolver) leaves those records without a link.
    /// </summary>
    public static IReadOnlyList<RecordLink> Orient(IdentityCluster cluster)
    {
        var neighbours = new Dictionary<long, List<(long Other, Identifier Via)>>();
        foreach (var link in cluster.Links)
        {
            Neighbours(neighbours, link.A).Add((link.B, link.Via));
            Neighbours(neighbours, link.B).Add((link.A, link.Via));
        }
        var parent = new Dictionary<long, (long To, Identifier Via)>();
        if (cluster.RecordIds.Count > 0)
        {
            var anchor = cluster.RecordIds.Min();
            var seen = new HashSet<long> { anchor };
            var queue = new Queue<long>([anchor]);
            while (queue.TryDequeue(out var id))
            {
                if (!neighbours.TryGetValue(id, out var list))
                {
                    continue;
                }
                foreach (var (other, via) in list)
                {
                    if (seen.Add(other))
                    {
                        parent[other] = (id, via);
                        queue.Enqueue(other);
                    }
                }
            }
        }
        return [.. cluster.RecordIds.Order().Select(id => parent.TryGetValue(id, out var p)
            ? new RecordLink(id, p.To, p.Via)
            : new RecordLink(id, null, null))];
    }

    private static List<(long, Identifier)> Neighbours(Dictionary<long, List<(long, Identifier)>> map, long id)
    {
        if (!map.TryGetValue(id, out var list))
        {
            map[id] = list = [];
        }
        return list;
    }
}
