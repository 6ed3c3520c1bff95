namespace CostDsl.Estimation.Serving;

/// <summary>
/// The achieved shares of the hardware's peaks and the fixed costs of a step, for one Monte Carlo sample.
/// Shares are fractions of the datasheet figure; latencies in seconds. <see cref="KvReread"/> is the share of a
/// query-head group's other heads that read their K/V from memory again in a decode step (0: read once per group).
/// </summary>
public sealed record ServingEfficiency(double Compute, double Memory, double Link, double CollectiveLatency, double LayerOverhead, double KvReread)
{
    /// <summary>The bound itself: every peak reached, nothing fixed, each cached value read once. What the "at 100%" reference figures use.</summary>
    public static ServingEfficiency Ideal { get; } = new(1, 1, 1, 0, 0, 0);
}
