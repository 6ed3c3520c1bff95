namespace CostDsl.Runtime;

/// <summary>Samplers for the distributions of grammar/language.md, each a fill of one point's draws.</summary>
public static class Distributions
{
    /// <summary>The 95th percentile of the standard normal: a 90% interval is mean +- 1.6449 sd.</summary>
    public const double Z95 = 1.6448536269514722;

    /// <summary>
    /// <c>a to b</c>: a and b are the 5th and 95th percentiles; lognormal when both are positive,
    /// normal otherwise (Squiggle's convention).
    /// </summary>
    public static Action<RandomSource, Span<double>> FromInterval(double a, double b) =>
        a > 0 && b > 0
            ? LogNormal((Math.Log(a) + Math.Log(b)) / 2, (Math.Log(b) - Math.Log(a)) / (2 * Z95))
            : Normal((a + b) / 2, (b - a) / (2 * Z95));

    public static Action<RandomSource, Span<double>> Normal(double mean, double sd) => (random, target) =>
    {
        random.FillStandardNormal(target);
        for (var i = 0; i < target.Length; i++)
        {
            target[i] = mean + (sd * target[i]);
        }
    };

    /// <summary>exp of a normal with mean <paramref name="mu"/> and sd <paramref name="sigma"/>.</summary>
    public static Action<RandomSource, Span<double>> LogNormal(double mu, double sigma) => (random, target) =>
    {
        random.FillStandardNormal(target);
        for (var i = 0; i < target.Length; i++)
        {
            target[i] = Math.Exp(mu + (sigma * target[i]));
        }
    };

    /// <summary>The lognormal with a given mean and sd (of the value itself, in its unit).</summary>
    public static Action<RandomSource, Span<double>> LogNormalFromMoments(double mean, double sd)
    {
        var sigma2 = Math.Log(1 + (sd * sd / (mean * mean)));
        return LogNormal(Math.Log(mean) - (sigma2 / 2), Math.Sqrt(sigma2));
    }

    public static Action<RandomSource, Span<double>> Uniform(double low, double high) => (random, target) =>
    {
        for (var i = 0; i < target.Length; i++)
        {
            target[i] = low + ((high - low) * random.NextDouble());
        }
    };

    /// <summary>Triangular on [low, high] with its peak at <paramref name="mode"/>, by the inverse of its CDF.</summary>
    public static Action<RandomSource, Span<double>> Triangular(double low, double mode, double high) => (random, target) =>
    {
        var split = (mode - low) / (high - low);
        for (var i = 0; i < target.Length; i++)
        {
            var u = random.NextDouble();
            target[i] = u < split
                ? low + Math.Sqrt(u * (high - low) * (mode - low))
                : high - Math.Sqrt((1 - u) * (high - low) * (high - mode));
        }
    };
}
