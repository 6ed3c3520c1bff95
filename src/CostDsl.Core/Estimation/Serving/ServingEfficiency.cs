namespace CostDsl.Estimation.Serving;

/// <summary>
/// The achieved shares of the hardware's peaks and the fixed costs of a step, for one Monte Carlo sample.
/// Shares are fractions of the datasheet figure; latencies in seconds.
/// </summary>
public sealed record ServingEfficiency(double Compute, double Memory, double Link, double CollectiveLatency, double LayerOverhead)
{
    /// <summary>The bound itself: every peak reached, nothing fixed. What the "at 100%" reference figures use.</summary>
    public static ServingEfficiency Ideal { get; } = new(1, 1, 1, 0, 0);
}
