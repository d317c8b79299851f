using System.Globalization;
using System.Text;
using System.Text.Json;
using Dashboard.Domain.Allocation;

namespace Dashboard.Features.Budget;

/// <summary>The compact JSON forms of a <see cref="Dashboard.Data.Entities.ChannelCurve"/>'s bootstrap curves and fitted weeks.</summary>
public static class CurveSnapshot
{
    /// <summary>[[β, k, h, θ], ...] with 9 significant digits.</summary>
    public static string WriteCurves(IEnumerable<ResponseCurve> curves)
    {
        var sb = new StringBuilder("[");
        foreach (var c in curves)
        {
            sb.Append(sb.Length > 1 ? ",[" : "[")
                .Append(Number(c.Beta)).Append(',').Append(Number(c.HalfSaturation)).Append(',')
                .Append(Number(c.Shape)).Append(',').Append(Number(c.Carryover)).Append(']');
        }
        return sb.Append(']').ToString();
    }

    public static IReadOnlyList<ResponseCurve> ReadCurves(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.EnumerateArray()
            .Select(a => new ResponseCurve(a[0].GetDouble(), a[1].GetDouble(), a[2].GetDouble(), a[3].GetDouble()))
            .ToArray();
    }

    /// <summary>[{"w":"yyyy-MM-dd","s":spend,"y":observed,"f":fitted}, ...].</summary>
    public static string WriteWeeks(IEnumerable<FitWeek> weeks)
    {
        var sb = new StringBuilder("[");
        foreach (var w in weeks)
        {
            sb.Append(sb.Length > 1 ? "," : "")
                .Append("{\"w\":\"").Append(w.Week.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                .Append("\",\"s\":").Append(Number(w.Spend))
                .Append(",\"y\":").Append(Number(w.Observed))
                .Append(",\"f\":").Append(Number(w.Fitted)).Append('}');
        }
        return sb.Append(']').ToString();
    }

    public static IReadOnlyList<FitWeek> ReadWeeks(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.EnumerateArray()
            .Select(e => new FitWeek(DateOnly.ParseExact(e.GetProperty("w").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                e.GetProperty("s").GetDouble(), e.GetProperty("y").GetDouble(), e.GetProperty("f").GetDouble()))
            .ToArray();
    }

    private static string Number(double value) => double.IsFinite(value) ? value.ToString("G9", CultureInfo.InvariantCulture) : "0";
}
