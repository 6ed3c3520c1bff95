namespace CostDsl.Estimation.Training;

/// <summary>
/// One GPU as the training model sees it, in base units. Peak is the dense rate of the precision the run computes in.
/// ScaleUp is one direction of the per-GPU scale-up link (NVLink); vendors print both directions together, so it is
/// half the catalog's interconnect. Network is the per-GPU scale-out NIC bandwidth, one direction; 0 when unknown,
/// and then the run cannot leave one node. GpusPerNode: GPUs joined by the scale-up link. AttentionPeakFlops is the
/// rate of the attention kernels (QK^T, scores x V), which FlashAttention and cuDNN run in 16 bits even when the
/// GEMMs run in fp8 (Transformer Engine keeps attention in bf16 by default); it is PeakFlops for 16-bit runs.
/// </summary>
public sealed record TrainingDevice(
    string Name,
    double PeakFlops,
    double MemoryBytes,
    double MemoryBandwidth,
    double ScaleUpBandwidth,
    double NetworkBandwidth,
    int GpusPerNode,
    double AttentionPeakFlops)
{
    /// <summary>
    /// The GEMMs run in a format faster than the 16-bit attention kernels (fp8): they then reach
    /// <see cref="EfficiencyAssumptions.Fp8MatmulShare"/> of their peak, and the output layer (the logits), which
    /// Megatron-LM keeps outside Transformer Engine's fp8 layers, runs at the 16-bit rate.
    /// </summary>
    public bool Fp8Gemms => PeakFlops > AttentionPeakFlops;

    /// <summary>
    /// A catalog device computing in <paramref name="precision"/>: its dense peak in that precision, memory and HBM
    /// bandwidth are needed. Without an interconnect a run cannot leave one GPU, and without gpus_per_node a node is
    /// one GPU; without a network it cannot leave one node (<see cref="TrainingRun.LayoutProblem"/> says so).
    /// </summary>
    public static (TrainingDevice? Device, string? Problem) From(DeviceSpec spec, Precision precision)
    {
        if (spec.Peak(precision.PeakField) is not { } peak)
        {
            return (null, $"{spec.Name} has no {precision.PeakField} peak rate");
        }

        if (spec.Memory is not { } memory || spec.Bandwidth is not { } bandwidth)
        {
            return (null, $"{spec.Name} needs memory and bandwidth, which the catalog does not give");
        }

        var perNode = spec.Interconnect is null ? 1 : (int)Math.Max(1, spec.GpusPerNode ?? 1);
        var attention = precision.Bits < 16 ? spec.Peak("bf16") ?? spec.Peak("fp16") ?? peak : peak;
        return (new TrainingDevice(spec.Name, peak, memory, bandwidth, (spec.Interconnect ?? 0) / 2, spec.Network ?? 0, perNode, attention), null);
    }
}

