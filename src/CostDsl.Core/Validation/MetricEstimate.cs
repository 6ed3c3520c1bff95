namespace CostDsl.Validation;

/// <summary>
/// The answer for one measured figure: a prediction (median and 90% interval, in the metric's unit) or
/// the reason there is none. Exactly one of <see cref="Prediction"/> and <see cref="Reason"/> is set.
/// </summary>
public sealed record MetricEstimate(string Metric, double Measured, Prediction? Prediction, string? Reason)
{
    public static MetricEstimate Of(Measurement measurement, Prediction prediction) => new(measurement.Metric, measurement.Value, prediction, null);

    public static MetricEstimate NotEstimated(Measurement measurement, string reason) => new(measurement.Metric, measurement.Value, null, reason);

    public bool IsEstimated => Prediction is not null;

    /// <summary>(predicted - measured) / measured; null when not estimated.</summary>
    public double? Error => Prediction is { } p ? (p.Median - Measured) / Measured : null;

    public bool? Covered => Prediction is { } p ? Measured >= p.P5 && Measured <= p.P95 : null;
}

/// <summary>A predicted figure: its median and the 5th and 95th percentiles (equal when nothing is uncertain).</summary>
public sealed record Prediction(double Median, double P5, double P95)
{
    /// <summary>The median and 90% interval of Monte Carlo samples (sorted here; the array is not kept).</summary>
    public static Prediction FromSamples(double[] samples)
    {
        if (samples.Length == 0)
        {
            throw new ArgumentException("no samples", nameof(samples));
        }

        var sorted = (double[])samples.Clone();
        Array.Sort(sorted);
        return new Prediction(Quantile(sorted, 0.5), Quantile(sorted, 0.05), Quantile(sorted, 0.95));
    }

    /// <summary>Linear interpolation between order statistics (type 7, the default of R and NumPy).</summary>
    private static double Quantile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
    }
}
