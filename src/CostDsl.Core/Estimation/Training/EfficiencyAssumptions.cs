using CostDsl.Runtime;

namespace CostDsl.Estimation.Training;

/// <summary>
/// The only tuned inputs of the training model: shares of a device's printed peaks that real kernels achieve.
/// MatmulShare: of the dense tensor-core peak, by the GEMMs of a layer. MemoryShare: of the HBM bandwidth, by the
/// memory-bound kernels (norms, activations, softmax, dropout, optimizer). CollectiveShare: of a link's one-direction
/// bandwidth, by NCCL collectives (the "bus bandwidth" of nccl-tests). Each is one value per run, never per model,
/// case or device; the defaults and their 90% intervals are calibrated on examples/validation/dev/training.json.
/// Two more apply only to runs of a current software stack, which the dev set (2020-2022) has none of, so they are
/// set from published kernel measurements, not fitted: Fp8MatmulShare, of the fp8 peak, by Transformer Engine's fp8
/// GEMMs with their per-step quantization (casts and scaling factors), used instead of MatmulShare when the GEMMs run
/// in fp8; ExposedCommShare, the part of tensor-parallel collectives and pipeline sends left in the critical path when
/// the stack overlaps them with compute (<see cref="ParallelLayout.OverlapComm"/>).
/// </summary>
public sealed record EfficiencyAssumptions(double MatmulShare, double MemoryShare, double CollectiveShare)
{
    /// <summary>5th and 95th percentiles of each share (a lognormal between them), and the median used for point estimates.</summary>
    public static readonly (double Low, double High) MatmulInterval = (0.68, 0.85);

    public static readonly (double Low, double High) MemoryInterval = (0.40, 0.73);

    public static readonly (double Low, double High) CollectiveInterval = (0.40, 0.68);

    /// <summary>
    /// Transformer Engine's documentation ("GEMM Speedups Across Precisions", features/low_precision_training/speedups)
    /// measures fp8 GEMMs with their quantization ("autocast") at 1.41x (current scaling) to 1.61x (delayed scaling) the
    /// time-rate of bf16 GEMMs for a 5B model's shapes; at the bf16 median share (76%) of a peak half the fp8 one, that is
    /// 54% to 61% of the fp8 peak. The interval is wider (1.2x to 1.75x): smaller GEMMs gain less, and no training run
    /// was fitted to it.
    /// </summary>
    public static readonly (double Low, double High) Fp8MatmulInterval = (0.46, 0.66);

    /// <summary>
    /// Megatron-core with Transformer Engine splits the tensor-parallel all-gather / reduce-scatter into chunks run
    /// under the GEMMs that consume or produce them (tp_comm_overlap, "userbuffers"), and posts pipeline sends while the
    /// next micro-batch computes (overlap_p2p_comm); what stays exposed is the first and last chunk and the contention
    /// the overlap causes: a tenth to a half and more of the time the transfers would take alone.
    /// </summary>
    public static readonly (double Low, double High) ExposedCommInterval = (0.12, 0.55);

    /// <summary>Share of the fp8 dense peak reached by fp8 GEMMs, quantization included; used when <see cref="TrainingDevice.Fp8Gemms"/>.</summary>
    public double Fp8MatmulShare { get; init; } = Math.Sqrt(Fp8MatmulInterval.Low * Fp8MatmulInterval.High);

    /// <summary>Part of the tensor-parallel and pipeline transfers that overlapping leaves exposed; used when <see cref="ParallelLayout.OverlapComm"/>.</summary>
    public double ExposedCommShare { get; init; } = Math.Sqrt(ExposedCommInterval.Low * ExposedCommInterval.High);

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
