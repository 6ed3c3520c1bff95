namespace CostDsl.Output;

/// <summary>Summary statistics of a sampled magnitude, as reported for uncertain outputs.</summary>
public sealed record Statistics(double Mean, double StandardDeviation, double P5, double P25, double P50, double P75, double P95)
{
    /// <summary>The statistics of samples already in the display unit; sorts them in place (in numeric order, as Array.Sort would).</summary>
    public static Statistics Of(double[] samples)
    {
        SampleSort.Sort(samples);
        var mean = MeanOf(samples);
        var sd = StandardDeviationOf(samples, mean);
        return new Statistics(mean, sd, Quantile(samples, 0.05), Quantile(samples, 0.25), Quantile(samples, 0.5), Quantile(samples, 0.75), Quantile(samples, 0.95));
    }

    /// <summary>Whether every statistic is a finite number (the standard deviation of values near 1e308 may not be).</summary>
    public bool IsFinite =>
        double.IsFinite(Mean) && double.IsFinite(StandardDeviation) && double.IsFinite(P5) && double.IsFinite(P95);

    /// <summary>The mean of finite samples: always finite, even where their sum is not (values near 1e308).</summary>
    public static double MeanOf(double[] samples)
    {
        var mean = samples.Average();
        if (double.IsFinite(mean))
        {
            return mean;
        }

        // The sum overflowed: add the samples scaled by the largest, then scale back.
        var scale = samples.Max(Math.Abs);
        return samples.Sum(x => x / scale) / samples.Length * scale;
    }

    /// <summary>The sample standard deviation, sqrt(sum((x - mean)^2) / (n - 1)); infinite only when it really exceeds a double.</summary>
    public static double StandardDeviationOf(double[] samples) => StandardDeviationOf(samples, MeanOf(samples));

    private static double StandardDeviationOf(double[] samples, double mean)
    {
        if (samples.Length < 2)
        {
            return 0;
        }

        // A plain loop in the order LINQ's Sum took, so the same bits, without a delegate call a sample.
        var squares = 0.0;
        foreach (var x in samples)
        {
            squares += (x - mean) * (x - mean);
        }

        var sd = Math.Sqrt(squares / (samples.Length - 1));
        if (double.IsFinite(sd))
        {
            return sd;
        }

        // A square overflowed (deviations beyond 1e154): work in units of the largest sample.
        var scale = samples.Max(Math.Abs);
        var scaledMean = mean / scale;
        return Math.Sqrt(samples.Sum(x => ((x / scale) - scaledMean) * ((x / scale) - scaledMean)) / (samples.Length - 1)) * scale;
    }

    /// <summary>Equal-width bins from the smallest sample to the largest, over samples sorted by <see cref="Of"/>.</summary>
    public static (double[] Edges, int[] Counts) Histogram(double[] sorted, int bins = 20)
    {
        var (low, high) = (sorted[0], sorted[^1]);
        var width = double.IsFinite(high - low) ? (high - low) / bins : (high / bins) - (low / bins);
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
        var gap = sorted[upper] - sorted[lower];

        // Neighbours of opposite sign near 1e308 are further apart than a double holds: interpolate by weights.
        return double.IsFinite(gap)
            ? sorted[lower] + ((position - lower) * gap)
            : (sorted[lower] * (1 - (position - lower))) + (sorted[upper] * (position - lower));
    }
}
