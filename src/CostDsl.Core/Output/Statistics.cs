namespace CostDsl.Output;

/// <summary>Summary statistics of a sampled magnitude, as reported for uncertain outputs.</summary>
public sealed record Statistics(double Mean, double StandardDeviation, double P5, double P25, double P50, double P75, double P95)
{
    /// <summary>The statistics of samples already in the display unit; sorts them in place.</summary>
    public static Statistics Of(double[] samples)
    {
        Array.Sort(samples);
        var mean = samples.Average();
        var variance = samples.Length > 1 ? samples.Sum(x => (x - mean) * (x - mean)) / (samples.Length - 1) : 0;
        return new Statistics(mean, Math.Sqrt(variance), Quantile(samples, 0.05), Quantile(samples, 0.25), Quantile(samples, 0.5), Quantile(samples, 0.75), Quantile(samples, 0.95));
    }

    /// <summary>Equal-width bins from the smallest sample to the largest, over samples sorted by <see cref="Of"/>.</summary>
    public static (double[] Edges, int[] Counts) Histogram(double[] sorted, int bins = 20)
    {
        var (low, high) = (sorted[0], sorted[^1]);
        var width = (high - low) / bins;
        var edges = Enumerable.Range(0, bins + 1).Select(i => low + (i * width)).ToArray();
        var counts = new int[bins];
        foreach (var value in sorted)
        {
            counts[Math.Min(bins - 1, (int)((value - low) / width))]++;
        }

        return (edges, counts);
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
