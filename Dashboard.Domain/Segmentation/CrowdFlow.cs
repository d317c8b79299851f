namespace Dashboard.Domain.Segmentation;

/// <summary>A customer's label in one period: an RFM segment, a lifecycle stage, a VAP strategy, a pyramid tier…</summary>
public readonly record struct LabelAssignment(string CustomerId, string Label);

/// <summary>
/// A flow between periods. From = null: customers entering (not assigned in the first period);
/// To = null: customers leaving (not assigned in the second).
/// </summary>
public sealed record MigrationLink(string? From, string? To, int Customers);

/// <summary>A Sankey link between node indexes of <see cref="SankeyDiagram.Nodes"/>.</summary>
public sealed record SankeyLink(int Source, int Target, int Customers);

/// <summary>
/// Sankey-ready form: nodes 0..L−1 are the labels in the first period, L..2L−1 the same labels in the second,
/// 2L is "(entered)" (a source) and 2L+1 is "(left)" (a target). Only links with customers are listed.
/// </summary>
public sealed record SankeyDiagram(IReadOnlyList<string> Nodes, IReadOnlyList<SankeyLink> Links);

/// <summary>The result of <see cref="CrowdFlow.Migrate"/>.</summary>
/// <param name="Labels">Row and column order of the matrix.</param>
/// <param name="Matrix">Matrix[i][j] = customers labelled Labels[i] in the first period and Labels[j] in the second.</param>
/// <param name="Entered">Per label: customers with that label in the second period who had none in the first.</param>
/// <param name="Left">Per label: customers with that label in the first period who have none in the second.</param>
/// <param name="Links">Every non-zero flow: matrix cells first (row-major), then entering, then leaving, each in label order.</param>
public sealed record Migration(
    IReadOnlyList<string> Labels, IReadOnlyList<IReadOnlyList<int>> Matrix, IReadOnlyList<int> Entered, IReadOnlyList<int> Left,
    IReadOnlyList<MigrationLink> Links, SankeyDiagram Sankey)
{
    /// <summary>Customers in both periods with the same label.</summary>
    public int Stayed => Labels.Select((_, i) => Matrix[i][i]).Sum();

    /// <summary>Customers in both periods with a different label.</summary>
    public int Moved => Matrix.Sum(row => row.Sum()) - Stayed;
}

/// <summary>How customers move between labels from one period's snapshot to the next.</summary>
public static class CrowdFlow
{
    public const string EnteredNode = "(entered)";
    public const string LeftNode = "(left)";

    /// <summary>Counts customers by (label before, label after), matched by customer id (ordinal).</summary>
    /// <param name="labelOrder">The order of rows and columns (e.g. <see cref="Lifecycle.Labels"/>); labels seen but not
    /// listed are appended in ordinal order. Null: all labels in ordinal order.</param>
    /// <exception cref="ArgumentException">A customer appears twice in one period; the message names it.</exception>
    public static Migration Migrate(IReadOnlyList<LabelAssignment> from, IReadOnlyList<LabelAssignment> to, IReadOnlyList<string>? labelOrder = null)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var before = ToDictionary(from, "first");
        var after = ToDictionary(to, "second");
        var labels = (labelOrder ?? []).Distinct(StringComparer.Ordinal).ToList();
        labels.AddRange(before.Values.Concat(after.Values).Distinct(StringComparer.Ordinal)
            .Where(label => !labels.Contains(label, StringComparer.Ordinal)).Order(StringComparer.Ordinal));
        var index = labels.Select((label, i) => (label, i)).ToDictionary(p => p.label, p => p.i, StringComparer.Ordinal);
        var l = labels.Count;
        var matrix = new int[l][];
        for (var i = 0; i < l; i++)
        {
            matrix[i] = new int[l];
        }
        var entered = new int[l];
        var left = new int[l];
        foreach (var (customer, label) in before)
        {
            if (after.TryGetValue(customer, out var next))
            {
                matrix[index[label]][index[next]]++;
            }
            else
            {
                left[index[label]]++;
            }
        }
        foreach (var (customer, label) in after)
        {
            if (!before.ContainsKey(customer))
            {
                entered[index[label]]++;
            }
        }

        var links = new List<MigrationLink>();
        var sankey = new List<SankeyLink>();
        for (var i = 0; i < l; i++)
        {
            for (var j = 0; j < l; j++)
            {
                if (matrix[i][j] > 0)
                {
                    links.Add(new MigrationLink(labels[i], labels[j], matrix[i][j]));
                    sankey.Add(new SankeyLink(i, l + j, matrix[i][j]));
                }
            }
        }
        for (var j = 0; j < l; j++)
        {
            if (entered[j] > 0)
            {
                links.Add(new MigrationLink(null, labels[j], entered[j]));
                sankey.Add(new SankeyLink(2 * l, l + j, entered[j]));
            }
        }
        for (var i = 0; i < l; i++)
        {
            if (left[i] > 0)
            {
                links.Add(new MigrationLink(labels[i], null, left[i]));
                sankey.Add(new SankeyLink(i, 2 * l + 1, left[i]));
            }
        }
        var nodes = labels.Concat(labels).Append(EnteredNode).Append(LeftNode).ToList();
        return new Migration(labels, matrix, entered, left, links, new SankeyDiagram(nodes, sankey));
    }

    private static Dictionary<string, string> ToDictionary(IReadOnlyList<LabelAssignment> period, string name)
    {
        var result = new Dictionary<string, string>(period.Count, StringComparer.Ordinal);
        foreach (var a in period)
        {
            if (string.IsNullOrEmpty(a.Label))
            {
                throw new ArgumentException($"customer '{a.CustomerId}' has an empty label in the {name} period");
            }
            if (!result.TryAdd(a.CustomerId, a.Label))
            {
                throw new ArgumentException($"customer '{a.CustomerId}' appears twice in the {name} period");
            }
        }
        return result;
    }
}
