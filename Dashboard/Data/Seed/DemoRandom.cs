namespace Dashboard.Data.Seed;

/// <summary>Seeding and small sampling helpers for the demo generator.</summary>
internal static class DemoRandom
{
    /// <summary>
    /// An independent, reproducible stream for one part of the brand (a person, the channels...):
    /// the brand seed and the stream's key are mixed with SplitMix64, so person 17 gets the same
    /// draws whatever happens to persons 1..16, and generation can stream person by person.
    /// System.Random(int) uses the same legacy algorithm on every .NET version, so seeds are stable.
    /// </summary>
    public static Random For(int brandSeed, long stream, long salt = 0)
    {
        var mixed = SplitMix64(SplitMix64((ulong)brandSeed ^ 0x5DEECE66DUL) ^ (ulong)stream ^ ((ulong)salt << 48));
        return new Random((int)(mixed & 0x7FFFFFFF));
    }

    public static bool Chance(Random rng, double probability) => rng.NextDouble() < probability;

    /// <summary>An index drawn with probability proportional to its weight.</summary>
    public static int Pick(Random rng, ReadOnlySpan<double> weights)
    {
        var total = 0.0;
        foreach (var w in weights)
        {
            total += w;
        }
        var u = rng.NextDouble() * total;
        for (var i = 0; i < weights.Length; i++)
        {
            u -= weights[i];
            if (u < 0)
            {
                return i;
            }
        }
        return weights.Length - 1;
    }

    public static double Uniform(Random rng, double from, double to) => from + rng.NextDouble() * (to - from);

    /// <summary>
    /// A bijection of [0, modulus) (an affine permutation: the multiplier is coprime with the modulus),
    /// used to turn sequence numbers into unique but random-looking phone numbers and ids.
    /// </summary>
    public static long Permute(long value, long modulus, long multiplier, long offset) =>
        (long)(((UInt128)(ulong)value * (ulong)multiplier + (ulong)offset) % (ulong)modulus);

    private static ulong SplitMix64(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
