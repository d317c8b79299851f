using System.Globalization;
using System.Text;

namespace Dashboard.Features.Budget;

/// <summary>The comparison on screen as CSV (invariant culture, comma-separated, RFC 4180 quoting): one row per channel.</summary>
public static class BudgetCsv
{
    public static string Comparison(BudgetProjection projection, IReadOnlyList<ComparisonRow> rows, BudgetOutcome outcome, string? savedName)
    {
        var sb = new StringBuilder();
        var label = BudgetService.OutcomeLabel(outcome);
        sb.Append("channel_code,channel,current_spend,proposed_spend,lower,upper,optimized_spend,saved_spend,")
            .Append(CultureInfo.InvariantCulture, $"proposed_{label},{label}_low,{label}_high,roi,marginal_roi\n");
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var p = projection.Channels[i];
            sb.Append(Quote(r.Code)).Append(',').Append(Quote(r.Name)).Append(',')
                .Append(Number(r.Current)).Append(',').Append(Number(r.Proposed)).Append(',')
                .Append(Number(p.Lower)).Append(',').Append(Number(p.Upper)).Append(',')
                .Append(r.Optimized is { } o ? Number(o) : "").Append(',')
                .Append(r.Saved is { } s ? Number(s) : "").Append(',')
                .Append(Number(p.Response)).Append(',').Append(Number(p.ResponseLow)).Append(',').Append(Number(p.ResponseHigh)).Append(',')
                .Append(Number(p.Roi)).Append(',').Append(Number(p.Marginal)).Append('\n');
        }
        sb.Append("total,").Append(Quote(savedName is null ? "Total" : "Total (saved: " + savedName + ")")).Append(',')
            .Append(Number(rows.Sum(r => r.Current))).Append(',').Append(Number(rows.Sum(r => r.Proposed))).Append(",,,")
            .Append(rows.All(r => r.Optimized is not null) ? Number(rows.Sum(r => r.Optimized!.Value)) : "").Append(',')
            .Append(rows.All(r => r.Saved is not null) ? Number(rows.Sum(r => r.Saved!.Value)) : "").Append(',')
            .Append(Number(projection.TotalResponse)).Append(',').Append(Number(projection.ResponseLow)).Append(',')
            .Append(Number(projection.ResponseHigh)).Append(',').Append(Number(projection.Roi)).Append(',').Append(Number(projection.Marginal)).Append('\n');
        return sb.ToString();
    }

    private static string Number(double value) => double.IsFinite(value) ? Math.Round(value, 4).ToString("0.####", CultureInfo.InvariantCulture) : "";

    private static string Quote(string text) =>
        text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
