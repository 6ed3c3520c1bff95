namespace CostDsl.Estimation.Serving;

/// <summary>
/// The achieved shares of the hardware's peaks and the fixed costs of a step, for one Monte Carlo sample.
/// Shares are fractions of the datasheet figure; latencies in seconds. <see cref="KvReread"/> is the share of a
/// query-head group's other heads that read their K/V from memory again in a decode step (0: read once per group);
/// <see cref="ExpertDequant"/> the share of the expert (mixture-of-experts) matmuls that run at the 16-bit rate although the
/// weights are 8-bit; <see cref="ExpertGemm"/> the share of the dense matmul rate the grouped expert GEMMs reach.
/// <see cref="KvRereadPerHead"/> is the share of those re-reads that reach memory when the engine is known to run a kernel with
/// one thread block per query head (<see cref="DecodeAttentionKernel.PerQueryHead"/>); the rest hit the L2 cache.
/// </summary>
public sealed record ServingEfficiency(double Compute, double Memory, double Link, double CollectiveLatency, double LayerOverhead, double KvReread, double ExpertDequant = 0, double ExpertGemm = 1, double KvRereadPerHead = 1)
{
    /// <summary>The bound itself: every peak reached, nothing fixed, each cached value read once, every expert matmul in the weights' precision at the dense rate. What the "at 100%" reference figures use.</summary>
    public static ServingEfficiency Ideal { get; } = new(1, 1, 1, 0, 0, 0, 0, 1);
}
