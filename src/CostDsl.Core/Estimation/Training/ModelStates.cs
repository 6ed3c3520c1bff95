namespace CostDsl.Estimation.Training;

/// <summary>
/// Weights, gradients and Adam state of mixed-precision training, per GPU: 2 bytes of 16-bit weights, 2 of
/// 16-bit gradients and 12 of fp32 master weights, momentum and variance per parameter (K = 12), sharded over the
/// data-parallel GPUs by ZeRO stage 1 (optimizer state), 2 (and gradients) and 3 (and weights). Rajbhandari et al.
/// 2020, "ZeRO", arXiv:1910.02054, section 5 and Figure 1: 7.5B parameters on 64 GPUs take 120, 31.4, 16.6 and 1.9 GB.
/// A distributed optimizer (Megatron-LM) is stage 1.
/// </summary>
public sealed record ModelStates(double Weights, double Gradients, double Optimizer)
{
    public const double WeightBytes = 2;
    public const double GradientBytes = 2;
    public const double OptimizerBytes = 12;

    /// <summary>Bytes per parameter without sharding: 2 + 2 + 12 (ZeRO, section 3.1).</summary>
    public const double Total16 = WeightBytes + GradientBytes + OptimizerBytes;

    public double Total => Weights + Gradients + Optimizer;

    /// <param name="parameters">parameters this GPU holds before data-parallel sharding (already divided by TP and PP)</param>
    /// <param name="zero">ZeRO stage 0 to 3</param>
    /// <param name="dataParallel">GPUs the states are sharded over</param>
    public static ModelStates Of(double parameters, int zero, double dataParallel) => new(
        parameters * WeightBytes / (zero >= 3 ? dataParallel : 1),
        parameters * GradientBytes / (zero >= 2 ? dataParallel : 1),
        parameters * OptimizerBytes / (zero >= 1 ? dataParallel : 1));
}
