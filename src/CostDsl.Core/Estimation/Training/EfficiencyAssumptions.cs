using CostDsl.Runtime;

namespace CostDsl.Estimation.Training;

/// <summary>
/// The only tuned inputs of the training model: shares of a device's printed peaks that real kernels achieve.
/// MatmulShare: of the dense tensor-core peak, by the GEMMs of a layer. MemoryShare: of the HBM bandwidth, by the
/// memory-bound kernels (norms, activations, softmax, dropout, optimizer). CollectiveShare: of a link's one-direction
/// bandwidth, by NCCL collectives (the "bus bandwidth" of nccl-tests). Each is one value per run, never per model,
/// case or device; the defaults and their 90% intervals are calibrated on examples/validation/dev/training.json.
/// </summary>
public sealed record EfficiencyAssumptions(double MatmulShare, double MemoryShare, double CollectiveShare)
{
    /// <summary>5th and 95th percentiles of each share (a lognormal between them), and the median used for point estimates.</summary>
    public static readonly (double Low, double High) MatmulInterval = (0.68, 0.85);

    public static readonly (double Low, double High) MemoryInterval = (0.40, 0.73);

    public static readonly (double Low, double High) CollectiveInterval = (0.40, 0.68);

    /// <summary>
    /// Draws of one share: lognormal with the interval as its 5th and 95th percentiles (the convention of `a to b`),
    /// capped at 1, since no kernel beats the printed peak (the cap touches only the upper tail of the memory share).
    /// </summary>
    public static Action<RandomSource, Span<double>> Draws((double Low, double High) interval) => (random, target) =>
    {
        Distributions.FromInterval(interval.Low, interval.High)(random, target);
        foreach (ref var value in target)
        {
            value = Math.Min(value, 1);
        }
    };

    /// <summary>The medians of the intervals: the geometric mean of each pair.</summary>
    public static EfficiencyAssumptions Median { get; } = new(
        Math.Sqrt(MatmulInterval.Low * MatmulInterval.High),
        Math.Sqrt(MemoryInterval.Low * MemoryInterval.High),
        Math.Sqrt(CollectiveInterval.Low * CollectiveInterval.High));
}
