namespace CostDsl.Estimation.Training;

/// <summary>
/// How a run is split over GPUs (Megatron-LM conventions): Tp x Pp x Dp x Cp = GPUs; Ep divides the data-parallel
/// group (experts spread over Ep ranks) and is not a factor of the GPU count; Vp virtual stages per pipeline rank
/// (interleaved 1F1B); MicroBatch sequences per micro-batch; Zero the sharding stage (a distributed optimizer is 1);
/// FlashAttention: attention kernels that never store the s x s score matrix (Dao et al. 2022). Dropout: the layers
/// keep dropout masks (GPT-3-era recipes; Llama 2/3 and Nemotron-4 train with dropout 0, so a current stack keeps none).
/// OverlapComm: tensor-parallel collectives and pipeline sends run under compute (Transformer Engine's tp_comm_overlap,
/// Megatron-core's overlap_p2p_comm), so only <see cref="EfficiencyAssumptions.ExposedCommShare"/> of them adds time.
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
    bool FlashAttention = false,
    bool Dropout = true,
    bool OverlapComm = false)
{
    /// <summary>
    /// The layout as a current software stack (Megatron-core with Transformer Engine, NeMo 2024 on) runs it when
    /// <paramref name="current"/>: FlashAttention-style kernels, no dropout, communication overlapped; else the
    /// 2020-2022 Megatron-LM stack of the dev measurements: scores stored, dropout, communication in the critical path.
    /// </summary>
    public ParallelLayout WithSoftware(bool current) => this with { FlashAttention = current, Dropout = !current, OverlapComm = current };

    public int Gpus => Tp * Pp * Dp * Cp;

    public override string ToString() =>
        $"tp {Tp}, pp {Pp}, dp {Dp}, cp {Cp}, ep {Ep}, vp {Vp}, micro-batch {MicroBatch}, recompute {Recompute.ToString().ToLowerInvariant()}"
        + (SequenceParallel ? ", sp" : string.Empty) + $", zero {Zero}" + (FlashAttention ? ", flash" : string.Empty)
        + (Dropout ? string.Empty : ", no dropout") + (OverlapComm ? ", overlapped" : string.Empty);
}
