using CostDsl.Runtime;

namespace CostDsl.Output;

/// <summary>Summary statistics of a sampled magnitude, as reported for uncertain outputs.</summary>
public sealed record Statistics(double Mean, double StandardDeviation, double P5, double P25, double P50, double P75, double P95)
{
    public static Statistics Of(Magnitude magnitude, double scale)
    {
        var sorted = magnitude.Samples.ToArray();
        for (var i = 0; i < sorted.Length; i++)
        {
            sorted[i] /= scale;
        }

        Array.Sort(sorted);
        var mean = sorted.Average();
        var variance = sorted.Length > 1 ? sorted.Sum(x => (x - mean) * (x - mean)) / (sorted.Length - 1) : 0;
        return new Statistics(mean, Math.Sqrt(variance), Quantile(sorted, 0.05), Quantile(sorted, 0.25), Quantile(sorted, 0.5), Quantile(sorted, 0.75), Quantile(sorted, 0.95));
    }

    /// <summary>The q-quantile of sorted samples, interpolating linearly between order statistics.</summary>
    public static double Quantile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + ((position - lower) * (sorted[upper] - sorted[lower]));
    }
}
