using System.Runtime.Intrinsics;

namespace Dashboard.Domain.Lifetime;

/// <summary>
/// The BG/NBD log-likelihood (FHL 2005 eq. 6) and its analytic gradient over a whole customer base, arranged for speed:
/// <list type="bullet">
/// <item>customers with the same (x, t_x, T) share one term, weighted by their count (Fader and Hardie condense the
/// data the same way);</item>
/// <item>the gamma-function ratios are products over integers, Γ(r+x)/Γ(r) = Π_{k&lt;x} (r+k), so their logs are sums of
/// ln(r+k) weighted by the number of customers with x &gt; k: one small table per evaluation, not one GammaLn per customer;</item>
/// <item>ln(α+t) is tabulated once per evaluation over the distinct times, and customers without repeat purchases
/// collapse to one term per distinct T;</item>
/// <item>the remaining per-history log-sum-exp runs over contiguous arrays, in parallel chunks combined in a fixed order
/// (so results do not depend on thread timing).</item>
/// </list>
/// For x &gt; 0 the likelihood is written L = C · [(b+x-1)(α+T)^-(r+x) + a(α+t_x)^-(r+x)] with
/// C = Γ(r+x)α^r/Γ(r) · Γ(a+b)Γ(b+x-1)/(Γ(b)Γ(a+b+x)), which is eq. 6 after B(a,b+x) = B(a+1,b+x-1)(b+x-1)/a;
/// for x = 0 it is (α/(α+T))^r.
/// </summary>
internal sealed class BgNbdLikelihood
{
    private const int MinChunk = 32_768;

    private readonly double[] _times;
    private readonly double[] _zeroWeightByTime;
    private readonly int[] _frequency;
    private readonly int[] _recencyIndex;
    private readonly int[] _ageIndex;
    private readonly double[] _weight;
    private readonly double[] _weightAbove;
    private readonly int _chunks;

    private BgNbdLikelihood(double[] times, double[] zeroWeightByTime, int[] frequency, int[] recencyIndex, int[] ageIndex,
        double[] weight, double[] weightAbove, double totalWeight, int customers)
    {
        _times = times;
        _zeroWeightByTime = zeroWeightByTime;
        _frequency = frequency;
        _recencyIndex = recencyIndex;
        _ageIndex = ageIndex;
        _weight = weight;
        _weightAbove = weightAbove;
        TotalWeight = totalWeight;
        Customers = customers;
        _chunks = Math.Clamp(frequency.Length / MinChunk, 1, Environment.ProcessorCount);
    }

    /// <summary>Sum of the customer weights (the number of customers when unweighted).</summary>
    public double TotalWeight { get; }

    /// <summary>Rows given.</summary>
    public int Customers { get; }

    /// <summary>Distinct histories that are evaluated: one per (x, t_x, T) for repeat buyers, one per T otherwise.</summary>
    public int DistinctHistories => _frequency.Length + _zeroWeightByTime.Count(w => w > 0);

    /// <summary>Whether any customer (with positive weight) made a repeat purchase.</summary>
    public bool HasRepeatBuyers => _frequency.Length > 0;

    /// <summary>Total repeat purchases over total age: the pooled repeat-purchase rate per period.</summary>
    public double PooledRate { get; private init; }

    /// <summary>Groups the rows. Rows are validated; a bad row throws <see cref="LifetimeDataException"/> naming it.</summary>
    public static BgNbdLikelihood Create(
        ReadOnlySpan<int> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age, ReadOnlySpan<double> weights)
    {
        var n = frequency.Length;
        if (recency.Length != n || age.Length != n || (!weights.IsEmpty && weights.Length != n))
        {
            throw new ArgumentException("frequency, recency, age (and weights, when given) must have the same length.");
        }
        var maxFrequency = 0;
        var totalWeight = 0.0;
        var purchases = 0.0;
        var exposure = 0.0;
        for (var i = 0; i < n; i++)
        {
            var w = weights.IsEmpty ? 1.0 : weights[i];
            if (!(w >= 0) || !double.IsFinite(w))
            {
                throw new LifetimeDataException($"Customer row {i + 1}: the weight must be a finite number >= 0 (got {w}).");
            }
            if (frequency[i] < 0 || !(recency[i] >= 0) || !(age[i] >= recency[i]) || !double.IsFinite(age[i]))
            {
                throw new LifetimeDataException(
                    $"Customer row {i + 1}: a history needs frequency >= 0 and 0 <= recency <= T, all finite " +
                    $"(got frequency={frequency[i]}, recency={recency[i]}, T={age[i]}).");
            }
            maxFrequency = Math.Max(maxFrequency, frequency[i]);
            totalWeight += w;
            purchases += w * frequency[i];
            exposure += w * age[i];
        }

        // Dense indices for the distinct times, so that a history packs into one long key.
        var timeIndex = new KeyIndex(1024);
        var times = new List<double>();
        var ageIndexOf = new int[n];
        var recencyIndexOf = new int[n];
        for (var i = 0; i < n; i++)
        {
            ageIndexOf[i] = timeIndex.GetOrAdd(KeyIndex.KeyOf(age[i]), out var added);
            if (added)
            {
                times.Add(age[i]);
            }
            if (frequency[i] > 0)
            {
                recencyIndexOf[i] = timeIndex.GetOrAdd(KeyIndex.KeyOf(recency[i]), out added);
                if (added)
                {
                    times.Add(recency[i]);
                }
            }
        }
        var timeBits = Math.Max(1, 32 - int.LeadingZeroCount(times.Count));
        var frequencyBits = Math.Max(1, 32 - int.LeadingZeroCount(maxFrequency));
        if (2 * timeBits + frequencyBits > 63)
        {
            throw new LifetimeDataException("Too many distinct customer histories to fit in one run.");
        }

        // Group identical histories of repeat buyers; customers without repeat purchases only need their T.
        var zeroWeightByTime = new double[times.Count];
        var groups = new KeyIndex(n);
        var groupFrequency = new int[n];
        var groupRecency = new int[n];
        var groupAge = new int[n];
        var groupWeight = new double[n];
        var weightAbove = new double[maxFrequency + 1];
        for (var i = 0; i < n; i++)
        {
            var w = weights.IsEmpty ? 1.0 : weights[i];
            if (w == 0)
            {
                continue;
            }
            var x = frequency[i];
            if (x == 0)
            {
                zeroWeightByTime[ageIndexOf[i]] += w;
                continue;
            }
            weightAbove[x - 1] += w;
            var key = ((long)x << (2 * timeBits)) | ((long)recencyIndexOf[i] << timeBits) | (long)ageIndexOf[i];
            var g = groups.GetOrAdd(key, out var added);
            if (added)
            {
                groupFrequency[g] = x;
                groupRecency[g] = recencyIndexOf[i];
                groupAge[g] = ageIndexOf[i];
            }
            groupWeight[g] += w;
        }
        // weightAbove[k] = total weight of customers with x > k (a suffix sum of the counts at x = k + 1).
        for (var k = maxFrequency - 2; k >= 0; k--)
        {
            weightAbove[k] += weightAbove[k + 1];
        }
        var count = groups.Count;
        return new BgNbdLikelihood([.. times], zeroWeightByTime, groupFrequency[..count], groupRecency[..count], groupAge[..count],
            groupWeight[..count], weightAbove, totalWeight, n)
        {
            PooledRate = exposure > 0 ? purchases / exposure : 0,
        };
    }

    /// <summary>
    /// Total log-likelihood at log-parameters (ln r, ln α, ln a, ln b); writes the gradient w.r.t. those
    /// log-parameters into <paramref name="gradient"/>.
    /// </summary>
    public double Evaluate(double[] logParameters, double[] gradient)
    {
        var r = Math.Exp(logParameters[0]);
        var alpha = Math.Exp(logParameters[1]);
        var a = Math.Exp(logParameters[2]);
        var b = Math.Exp(logParameters[3]);

        // Tables of ln(α+t) and 1/(α+t) over the distinct times; the x = 0 customers are summed here too:
        // ln L = r ln α − r ln(α+T) for them.
        var logAlphaPlus = new double[_times.Length];
        var inverseAlphaPlus = new double[_times.Length];
        double ll = 0, dR = 0, dAlpha = 0, dA = 0, dB = 0;
        for (var j = 0; j < _times.Length; j++)
        {
            logAlphaPlus[j] = Math.Log(alpha + _times[j]);
            inverseAlphaPlus[j] = 1 / (alpha + _times[j]);
            var w = _zeroWeightByTime[j];
            if (w > 0)
            {
                ll -= w * r * logAlphaPlus[j];
                dR -= w * logAlphaPlus[j];
                dAlpha -= w * r * inverseAlphaPlus[j];
            }
        }

        // r ln α for everyone (from α^r in eq. 6).
        var logAlpha = Math.Log(alpha);
        ll += TotalWeight * r * logAlpha;
        dR += TotalWeight * logAlpha;
        dAlpha += TotalWeight * r / alpha;

        // ln[Γ(r+x)/Γ(r)] + ln[Γ(a+b)/Γ(a+b+x)] + ln[Γ(b+x-1)/Γ(b)] as weighted sums over integers k.
        var maxFrequency = _weightAbove.Length - 1;
        var logBPlus = new double[maxFrequency + 1];
        var inverseBPlus = new double[maxFrequency + 1];
        for (var k = 0; k < maxFrequency; k++)
        {
            var above = _weightAbove[k];
            ll += above * (Math.Log(r + k) - Math.Log(a + b + k));
            dR += above / (r + k);
            dA -= above / (a + b + k);
            dB -= above / (a + b + k);
            if (k + 1 < maxFrequency)
            {
                var aboveNext = _weightAbove[k + 1];
                ll += aboveNext * Math.Log(b + k);
                dB += aboveNext / (b + k);
            }
            logBPlus[k + 1] = Math.Log(b + k);
            inverseBPlus[k + 1] = 1 / (b + k);
        }

        // Repeat buyers: ln[(b+x-1)(α+T)^-(r+x) + a(α+t_x)^-(r+x)] by log-sum-exp, per distinct history.
        var partial = new double[_chunks * 5];
        var tables = new Tables(r, Math.Log(a), logAlphaPlus, inverseAlphaPlus, logBPlus, inverseBPlus);
        var groups = _frequency.Length;
        Parallel.For(0, _chunks, new ParallelOptions { MaxDegreeOfParallelism = _chunks }, chunk =>
        {
            var start = (int)((long)groups * chunk / _chunks);
            var end = (int)((long)groups * (chunk + 1) / _chunks);
            EvaluateGroups(start, end, tables, partial.AsSpan(chunk * 5, 5));
        });
        for (var chunk = 0; chunk < _chunks; chunk++)
        {
            var o = chunk * 5;
            ll += partial[o];
            dR += partial[o + 1];
            dAlpha += partial[o + 2];
            dA += partial[o + 3] / a;
            dB += partial[o + 4];
        }

        // Chain rule to the log scale: d/d(ln θ) = θ d/dθ.
        gradient[0] = r * dR;
        gradient[1] = alpha * dAlpha;
        gradient[2] = a * dA;
        gradient[3] = b * dB;
        return ll;
    }

    private sealed record Tables(
        double R, double LogA, double[] LogAlphaPlus, double[] InverseAlphaPlus, double[] LogBPlus, double[] InverseBPlus);

    /// <summary>
    /// Sums over groups [start, end) of w·lnS and the gradient pieces, where lnS = ln(e^l1 + e^l2),
    /// l1 = ln(b+x−1) − (r+x) ln(α+T), l2 = ln a − (r+x) ln(α+t_x), and w1, w2 = e^l1/S, e^l2/S.
    /// Four histories at a time with vectorised exp/log where the hardware has them (about ten times faster than
    /// scalar Math.Exp/Math.Log here); the rest one by one.
    /// </summary>
    private void EvaluateGroups(int start, int end, Tables t, Span<double> sums)
    {
        double sLl = 0, sR = 0, sAlpha = 0, sA = 0, sB = 0;
        var g = start;
        if (Vector256.IsHardwareAccelerated)
        {
            var r = Vector256.Create(t.R);
            var logA = Vector256.Create(t.LogA);
            var one = Vector256<double>.One;
            Vector256<double> accLl = default, accR = default, accAlpha = default, accA = default, accB = default;
            for (; g + 4 <= end; g += 4)
            {
                var (a0, a1, a2, a3) = (_ageIndex[g], _ageIndex[g + 1], _ageIndex[g + 2], _ageIndex[g + 3]);
                var (r0, r1, r2, r3) = (_recencyIndex[g], _recencyIndex[g + 1], _recencyIndex[g + 2], _recencyIndex[g + 3]);
                var (x0, x1, x2, x3) = (_frequency[g], _frequency[g + 1], _frequency[g + 2], _frequency[g + 3]);
                var w = Vector256.Create(_weight[g], _weight[g + 1], _weight[g + 2], _weight[g + 3]);
                var logAge = Vector256.Create(t.LogAlphaPlus[a0], t.LogAlphaPlus[a1], t.LogAlphaPlus[a2], t.LogAlphaPlus[a3]);
                var logRecency = Vector256.Create(t.LogAlphaPlus[r0], t.LogAlphaPlus[r1], t.LogAlphaPlus[r2], t.LogAlphaPlus[r3]);
                var inverseAge = Vector256.Create(t.InverseAlphaPlus[a0], t.InverseAlphaPlus[a1], t.InverseAlphaPlus[a2], t.InverseAlphaPlus[a3]);
                var inverseRecency = Vector256.Create(t.InverseAlphaPlus[r0], t.InverseAlphaPlus[r1], t.InverseAlphaPlus[r2], t.InverseAlphaPlus[r3]);
                var logB = Vector256.Create(t.LogBPlus[x0], t.LogBPlus[x1], t.LogBPlus[x2], t.LogBPlus[x3]);
                var inverseB = Vector256.Create(t.InverseBPlus[x0], t.InverseBPlus[x1], t.InverseBPlus[x2], t.InverseBPlus[x3]);
                var rx = r + Vector256.Create((double)x0, x1, x2, x3);
                var l1 = logB - rx * logAge;
                var l2 = logA - rx * logRecency;
                var max = Vector256.Max(l1, l2);
                var e = Vector256.Exp(Vector256.Min(l1, l2) - max);
                var sum = one + e;
                var logSum = max + Vector256.Log(sum);
                var large = one / sum;
                var small = e * large;
                var firstLarger = Vector256.GreaterThanOrEqual(l1, l2);
                var w1 = Vector256.ConditionalSelect(firstLarger, large, small);
                var w2 = Vector256.ConditionalSelect(firstLarger, small, large);
                accLl += w * logSum;
                accR -= w * (w1 * logAge + w2 * logRecency);
                accAlpha -= w * rx * (w1 * inverseAge + w2 * inverseRecency);
                accA += w * w2;
                accB += w * w1 * inverseB;
            }
            (sLl, sR, sAlpha, sA, sB) = (Vector256.Sum(accLl), Vector256.Sum(accR), Vector256.Sum(accAlpha), Vector256.Sum(accA), Vector256.Sum(accB));
        }
        for (; g < end; g++)
        {
            var x = _frequency[g];
            var w = _weight[g];
            var iAge = _ageIndex[g];
            var iRecency = _recencyIndex[g];
            var rx = t.R + x;
            var l1 = t.LogBPlus[x] - rx * t.LogAlphaPlus[iAge];
            var l2 = t.LogA - rx * t.LogAlphaPlus[iRecency];
            var max = Math.Max(l1, l2);
            var e = Math.Exp(Math.Min(l1, l2) - max);
            var large = 1 / (1 + e);
            var small = e * large;
            var (w1, w2) = l1 >= l2 ? (large, small) : (small, large);
            sLl += w * (max + Math.Log(1 + e));
            sR -= w * (w1 * t.LogAlphaPlus[iAge] + w2 * t.LogAlphaPlus[iRecency]);
            sAlpha -= w * rx * (w1 * t.InverseAlphaPlus[iAge] + w2 * t.InverseAlphaPlus[iRecency]);
            sA += w * w2;
            sB += w * w1 * t.InverseBPlus[x];
        }
        sums[0] = sLl;
        sums[1] = sR;
        sums[2] = sAlpha;
        sums[3] = sA;
        sums[4] = sB;
    }
}
