namespace CostDsl.Estimation.Training;

/// <summary>
/// How a run is split over GPUs (Megatron-LM conventions): Tp x Pp x Dp x Cp = GPUs; Ep divides the data-parallel
/// group (experts spread over Ep ranks) and is not a factor of the GPU count; Vp virtual stages per pipeline rank
/// (interleaved 1F1B); MicroBatch sequences per micro-batch; Zero the sharding stage (a distributed optimizer is 1);
/// FlashAttention: attention kernels that never store the s x s score matrix (Dao et al. 2022).
/// </summary>
public sealed record ParallelLayout(
    int Tp,
    int Pp,
    int Dp,
    int MicroBatch,
    Recompute Recompute,
    int Cp = 1,
    int Ep = 1,
    int Vp = 1,
    bool SequenceParallel = false,
    int Zero = 0,
    bool FlashAttention = false)
{
    public int Gpus => Tp * Pp * Dp * Cp;

    public override string ToString() =>
        $"tp {Tp}, pp {Pp}, dp {Dp}, cp {Cp}, ep {Ep}, vp {Vp}, micro-batch {MicroBatch}, recompute {Recompute.ToString().ToLowerInvariant()}"
        + (SequenceParallel ? ", sp" : string.Empty) + $", zero {Zero}" + (FlashAttention ? ", flash" : string.Empty);
}
