namespace CostDsl.Runtime;

/// <summary>
/// A small, fast, seedable generator (xoshiro256**, seeded through SplitMix64). Written out rather
/// than taken from System.Random so that the same seed gives the same numbers on every runtime.
/// </summary>
public sealed class RandomSource
{
    private ulong s0;
    private ulong s1;
    private ulong s2;
    private ulong s3;

    public RandomSource(ulong seed)
    {
        s0 = SplitMix(ref seed);
        s1 = SplitMix(ref seed);
        s2 = SplitMix(ref seed);
        s3 = SplitMix(ref seed);
    }

    /// <summary>A double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A double in (0, 1]: safe to take the logarithm of.</summary>
    public double NextOpenDouble() => ((Next() >> 11) + 1) * (1.0 / (1UL << 53));

    /// <summary>Fills <paramref name="target"/> with standard normal draws (Box-Muller, both values of each pair used).</summary>
    public void FillStandardNormal(Span<double> target)
    {
        for (var i = 0; i < target.Length; i += 2)
        {
            var radius = Math.Sqrt(-2 * Math.Log(NextOpenDouble()));
            var angle = 2 * Math.PI * NextDouble();
            target[i] = radius * Math.Cos(angle);
            if (i + 1 < target.Length)
            {
                target[i + 1] = radius * Math.Sin(angle);
            }
        }
    }

    private ulong Next()
    {
        var result = ulong.RotateLeft(s1 * 5, 7) * 9;
        var t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = ulong.RotateLeft(s3, 45);
        return result;
    }

    private static ulong SplitMix(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
