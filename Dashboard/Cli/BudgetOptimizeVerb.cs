using System.Globalization;
using System.Text.Json;
using Dashboard.Domain.Allocation;

namespace Dashboard.Cli;

/// <summary>
/// `budget optimize --input FILE.json [--json]`: the best split of a weekly budget across channels with steady-state Hill
/// curves (response to spend s is beta·s^shape/(s^shape + k^shape)), within per-channel bounds.
/// </summary>
public sealed class BudgetOptimizeVerb : ICliVerb
{
    public string Name => "budget optimize";

    public string Usage => "budget optimize --input FILE.json [--json]   "
        + "(FILE: {\"total\": n, \"channels\": [{\"name\", \"beta\", \"k\", \"shape\", \"lower\", \"upper\", optional \"current\"}]})";

    public async Task<int> RunAsync(CliContext context)
    {
        var path = context.Args.Required("input");
        var (total, channels) = await BudgetInputFile.ReadAsync(path, context.Cancellation);
        AllocationPlan plan;
        try
        {
            plan = BudgetOptimizer.Optimize(channels, total);
        }
        catch (InfeasibleBudgetException ex)
        {
            throw new CliInputException($"{path}: {ex.Message}");
        }
        if (context.Json)
        {
            await context.WriteJsonAsync(new BudgetOptimizeOutput(
                plan.Channels.ToDictionary(c => c.Name, c => c.Spend),
                plan.TotalResponse,
                plan.Channels.ToDictionary(c => c.Name, c => c.Marginal),
                plan.Channels.ToDictionary(c => c.Name, c => c.Response),
                plan.Channels.ToDictionary(c => c.Name, c => c.Bound switch
                {
                    BoundState.AtLower => "lower",
                    BoundState.AtUpper => "upper",
                    _ => "interior",
                }),
                plan.TotalSpend,
                plan.MarginalReturn,
                plan.UpperBound,
                plan.Certified,
                plan.CurrentResponse,
                plan.Uplift));
            return 0;
        }
        var table = plan.Channels.Select(c => FormattableString.Invariant(
            $"{c.Name,-24} {c.Spend,14:N2} {c.Response,14:N2} {c.Marginal,10:G4} {c.Bound}"));
        await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{"channel",-24} {"spend",14} {"response",14} {"marginal",10} bound"));
        foreach (var line in table)
        {
            await context.Out.WriteLineAsync(line);
        }
        var uplift = plan.Uplift is { } u ? string.Create(CultureInfo.InvariantCulture, $", uplift over current {u:N4}") : "";
        await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"total spend {plan.TotalSpend:N2}, response {plan.TotalResponse:N4} (upper bound {plan.UpperBound:N4}), λ {plan.MarginalReturn:G6}{uplift}"));
        return 0;
    }

    private sealed record BudgetOptimizeOutput(
        IReadOnlyDictionary<string, double> Allocation,
        double Response,
        IReadOnlyDictionary<string, double> Marginal,
        IReadOnlyDictionary<string, double> ResponseByChannel,
        IReadOnlyDictionary<string, string> Bound,
        double TotalSpend,
        double MarginalReturn,
        double UpperBound,
        bool Certified,
        double? CurrentResponse,
        double? Uplift);
}

/// <summary>Reads the budget question file of `budget optimize`, reporting every problem with where it is.</summary>
internal static class BudgetInputFile
{
    public static async Task<(double Total, IReadOnlyList<BudgetChannel> Channels)> ReadAsync(string path, CancellationToken cancellation)
    {
        if (!File.Exists(path))
        {
            throw new CliInputException($"{path}: file not found");
        }
        var bytes = await File.ReadAllBytesAsync(path, cancellation);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { AllowTrailingCommas = false });
        }
        catch (JsonException ex)
        {
            var line = (ex.LineNumber ?? 0) + 1;
            var column = (ex.BytePositionInLine ?? 0) + 1;
            throw new CliInputException($"{path}: invalid JSON at line {line}, column {column}: {FirstSentence(ex.Message)}");
        }
        using (document)
        {
            return Parse(path, document.RootElement);
        }
    }

    private static (double, IReadOnlyList<BudgetChannel>) Parse(string path, JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new CliInputException($"{path}: the top level must be an object with \"total\" and \"channels\"");
        }
        var total = Number(path, root, "total", "$");
        if (!root.TryGetProperty("channels", out var array) || array.ValueKind != JsonValueKind.Array)
        {
            throw new CliInputException($"{path}: \"channels\" is missing or not an array");
        }
        var channels = new List<BudgetChannel>();
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var where = $"channels[{index}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw new CliInputException($"{path}: {where} must be an object");
            }
            if (!item.TryGetProperty("name", out var nameElement) || nameElement.ValueKind != JsonValueKind.String
                || string.IsNullOrWhiteSpace(nameElement.GetString()))
            {
                throw new CliInputException($"{path}: {where}.name is missing or not a non-empty string");
            }
            var name = nameElement.GetString()!;
            where = $"{where} ('{name}')";
            var curve = new ResponseCurve(Number(path, item, "beta", where), Number(path, item, "k", where), Number(path, item, "shape", where));
            double? current = item.TryGetProperty("current", out _) ? Number(path, item, "current", where) : null;
            channels.Add(new BudgetChannel(name, curve, Number(path, item, "lower", where), Number(path, item, "upper", where), current));
            index++;
        }
        return (total, channels);
    }

    private static double Number(string path, JsonElement parent, string property, string where)
    {
        if (!parent.TryGetProperty(property, out var element))
        {
            throw new CliInputException($"{path}: {where} is missing \"{property}\"");
        }
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out var value) || !double.IsFinite(value))
        {
            throw new CliInputException($"{path}: {where}.{property} must be a number (got {element.GetRawText()})");
        }
        return value;
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
