namespace Dashboard.Domain.Measurement;

/// <summary>
/// One customer's lifecycle stage before and after the campaign window. Stages are ranks in the crowd-flow order
/// (aware = 0 &lt; interested = 1 &lt; purchased = 2 &lt; loyal = 3, the AIPL-like order of DESIGN.md), so
/// "moved up" is simply <see cref="StageAfter"/> &gt; <see cref="StageBefore"/>.
/// </summary>
public sealed record StageTransition(string Arm, int StageBefore, int StageAfter);

/// <summary>
/// The share of an arm's customers who moved up at least one stage, and for a treatment arm the two-proportion
/// test of that share against control (<see cref="VsControl"/> is null for the control arm).
/// </summary>
public sealed record CrowdFlowArm(string Arm, long N, long MovedUp, double ShareMovedUp, LiftEstimate? VsControl);

/// <summary>A campaign's effect on crowd flow: does it move more customers up the lifecycle than the holdout?</summary>
public static class CrowdFlowLift
{
    /// <summary>Arms in first-seen order, control included. Throws when the control arm is missing.</summary>
    public static IReadOnlyList<CrowdFlowArm> Analyze(IEnumerable<StageTransition> transitions, string controlArm, double confidence = 0.95)
    {
        var counts = new Dictionary<string, (long N, long Up)>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var t in transitions)
        {
            if (!counts.TryGetValue(t.Arm, out var c))
            {
                order.Add(t.Arm);
            }
            counts[t.Arm] = (c.N + 1, c.Up + (t.StageAfter > t.StageBefore ? 1 : 0));
        }
        if (!counts.TryGetValue(controlArm, out var control))
        {
            throw new ArgumentException($"control arm '{controlArm}' has no customers in the crowd-flow data");
        }
        return order.Select(arm =>
        {
            var (n, up) = counts[arm];
            var test = arm == controlArm ? null : LiftTests.TwoProportion(up, n, control.Up, control.N, confidence);
            return new CrowdFlowArm(arm, n, up, (double)up / n, test);
        }).ToList();
    }
}
