namespace CostDsl.Runtime;

/// <summary>
/// How a vector of values is laid out: <see cref="Points"/> sweep points, each with the same number
/// of Monte Carlo <see cref="Samples"/>, point-major. A spec with no sweep has one point; a spec with
/// no uncertainty has one sample per point. A distribution draws <see cref="Samples"/> values once and
/// repeats them at every point, so points are compared on the same random numbers.
/// </summary>
public sealed record Layout(int Points, int Samples)
{
    public static readonly Layout Single = new(1, 1);

    public int Length => Points * Samples;

    /// <summary>Repeats one point's draws at every point.</summary>
    public Magnitude Tile(double[] draws)
    {
        if (Points == 1)
        {
            return Magnitude.Sampled(draws);
        }

        var all = new double[Length];
        for (var point = 0; point < Points; point++)
        {
            draws.CopyTo(all, point * Samples);
        }

        return Magnitude.Sampled(all);
    }

    /// <summary>
    /// Applies a reduction (mean, a percentile, a probability) to each point's samples. With one point
    /// the result is exact; with several, each point's value fills its slice.
    /// </summary>
    public Magnitude Reduce(Magnitude magnitude, Func<double[], double> reduce)
    {
        if (magnitude.IsExact)
        {
            return magnitude;
        }

        var values = magnitude.Samples;
        if (Points == 1)
        {
            return Magnitude.Exact(reduce(values.ToArray()));
        }

        var result = new double[Length];
        for (var point = 0; point < Points; point++)
        {
            var value = reduce(values.Slice(point * Samples, Samples).ToArray());
            result.AsSpan(point * Samples, Samples).Fill(value);
        }

        return Magnitude.Sampled(result);
    }
}
