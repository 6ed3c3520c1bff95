using CostDsl.Runtime;

namespace CostDsl.Estimation;

/// <summary>
/// A named, documented, uncertain input of a performance model: its 5th and 95th percentiles (lognormal
/// between them, as `a to b` in a spec), optionally capped (a share of a peak never exceeds 1). A share that
/// divides (of a peak) must be above zero when given; one that multiplies (<see cref="MayBeZero"/>) may be 0.
/// </summary>
public sealed record Assumption(string Name, double P5, double P95, double Cap, string Meaning, bool MayBeZero = false)
{
    private const double Z95 = 1.6448536269514722;

    /// <summary>Fills <paramref name="target"/> with draws; an exact assumption (P5 == P95) fills its value.</summary>
    public void Fill(RandomSource random, Span<double> target)
    {
        if (P5 == P95)
        {
            target.Fill(P5);
            return;
        }

        var mu = (Math.Log(P5) + Math.Log(P95)) / 2;
        var sigma = (Math.Log(P95) - Math.Log(P5)) / (2 * Z95);
        random.FillStandardNormal(target);
        for (var i = 0; i < target.Length; i++)
        {
            target[i] = Math.Min(Cap, Math.Exp(mu + (sigma * target[i])));
        }
    }

    public double Median => Math.Min(Cap, Math.Sqrt(P5 * P95));
}
