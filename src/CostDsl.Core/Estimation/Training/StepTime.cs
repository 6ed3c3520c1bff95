namespace CostDsl.Estimation.Training;

/// <summary>
/// The time of one optimizer step on the slowest pipeline stage, by part. Compute: each layer's GEMMs at the matmul
/// share of peak, plus its memory-bound kernels (norms, activation functions, softmax, dropout) moving its activations
/// at the memory share of HBM bandwidth. Communication that Megatron-LM runs in the critical path is added in full:
/// tensor-parallel all-reduces (or reduce-scatter + all-gather with sequence parallelism, the same bytes),
/// pipeline sends, expert-parallel all-to-all, the part of context-parallel K/V exchange that the attention kernel
/// does not hide, and the data-parallel gradient reduction after the last micro-batch, less the backward pass of
/// that micro-batch it overlaps with. The pipeline adds (p - 1) / v micro-batch slots (the 1F1B bubble). A current
/// stack (<see cref="ParallelLayout.OverlapComm"/>) hides all but the exposed share of the tensor-parallel collectives
/// and the pipeline sends; fp8 GEMMs run at their own share of the fp8 peak, attention and the logits at the 16-bit rate.
/// </summary>
public sealed record StepTime(
    double Compute,
    double TensorParallel,
    double ContextParallel,
    double ExpertParallel,
    double PipelineBubble,
    double PipelineSends,
    double DataParallel,
    double Optimizer)
{
    /// <summary>Bytes moved per byte of kept activation by the memory-bound kernels: written and read forward, read and its gradient written backward.</summary>
    public const double ActivationPasses = 4;

    /// <summary>Adam's bytes per parameter: read fp32 master weight, momentum, variance and the gradient (4 each), write the first three and the 16-bit weight.</summary>
    public const double OptimizerBytesPerParam = 32;

    /// <summary>Bytes of a 16-bit activation or gradient value, as sent between GPUs.</summary>
    public const double ActivationBytes = 2;

    public double Total => Compute + TensorParallel + ContextParallel + ExpertParallel + PipelineBubble + PipelineSends + DataParallel + Optimizer;

    /// <summary>The share of the pipeline schedule spent idle: (p - 1) / (v m) (Narayanan et al. 2021, section 2.2).</summary>
    public static double BubbleFraction(int pp, int vp, double microBatches) => (pp - 1) / (vp * microBatches);

    public static StepTime Of(TransformerShape shape, ParallelLayout layout, TrainingDevice device, double batch, double sequence, EfficiencyAssumptions efficiency)
    {
        var t = (double)layout.Tp;
        var m = batch / (layout.Dp * (double)layout.MicroBatch);
        var tokens = sequence / layout.Cp * layout.MicroBatch;
        var matmulRate = device.PeakFlops * (device.Fp8Gemms ? efficiency.Fp8MatmulShare : efficiency.MatmulShare);
        var memoryRate = device.MemoryBandwidth * efficiency.MemoryShare;

        // Attention and the output layer run in 16 bits even when the layers' GEMMs are fp8.
        var attentionRate = device.AttentionPeakFlops * efficiency.MatmulShare;

        // What overlapping with compute leaves of the tensor-parallel collectives and the pipeline sends.
        var exposed = layout.OverlapComm ? efficiency.ExposedCommShare : 1;

        // One average layer, one micro-batch, on one GPU: the weights' GEMMs at the run's precision, the attention
        // scores at the attention kernels' rate (forward, twice that backward, once more when recomputed).
        var scoresForward = tokens * StepFlops.AttentionScoresForwardPerToken(shape, sequence) / shape.Layers / t;
        var forward = (tokens * StepFlops.LayersForwardPerToken(shape, sequence) / shape.Layers / t) - scoresForward;
        var recomputed = layout.Recompute == Recompute.Full ? forward : 0;
        var scoresPasses = 3 + (layout.Recompute == Recompute.None ? 0 : 1);
        var moeShare = shape.Layers > 0 ? shape.MoeLayers / shape.Layers : 0;
        var traffic = TrafficLayout(layout);
        var activation = (moeShare * ActivationMemory.PerLayer(shape, traffic, sequence, true)) + ((1 - moeShare) * ActivationMemory.PerLayer(shape, traffic, sequence, false));
        var passes = ActivationPasses + (layout.Recompute == Recompute.Full ? 1 : 0);
        var layerCompute = (((3 * forward) + recomputed) / matmulRate) + (scoresPasses * scoresForward / attentionRate) + (activation * passes / memoryRate);

        // Tensor parallel: two collectives a layer forward, two backward, two more when the forward pass is rerun.
        var layerTp = 0.0;
        if (layout.Tp > 1)
        {
            var collectives = 4 + (layout.Recompute == Recompute.Full ? 2 : 0);
            var message = ActivationBytes * tokens * shape.DModel;
            layerTp = exposed * collectives * Ring(layout.Tp) * message / Link(device, layout.Tp, efficiency);
        }

        // Context parallel: each rank's K and V travel round the ring forward, their gradients backward; attention on
        // the local block hides what it can.
        var layerCp = 0.0;
        if (layout.Cp > 1)
        {
            var kv = ActivationBytes * tokens * shape.KvHeads * (shape.HeadDim + shape.ValueHeadDim) / t;
            var exchange = 3 * (layout.Cp - 1) * kv / Link(device, layout.Tp * layout.Cp, efficiency);
            var scores = 3 * scoresForward / attentionRate;
            layerCp = Math.Max(0, exchange - scores);
        }

        // Expert parallel: dispatch and combine all-to-all of each routed token copy, forward and backward.
        var layerEp = 0.0;
        if (shape.IsMoe && layout.Ep > 1)
        {
            var collectives = 4 + (layout.Recompute == Recompute.Full ? 2 : 0);
            var message = ActivationBytes * tokens * shape.ExpertsPerToken * shape.DModel / (layout.SequenceParallel ? t : 1);
            layerEp = moeShare * collectives * ((layout.Ep - 1) / (double)layout.Ep) * message / Link(device, layout.Tp * layout.Ep, efficiency);
        }

        // The slowest stage: the most layers, and the logits on the last one.
        var stageLayers = Math.Ceiling(shape.Layers / layout.Pp);
        var logitsFlops = 3 * tokens * StepFlops.LogitsForwardPerToken(shape) / t;
        var logits = (logitsFlops / attentionRate) + (ActivationMemory.Logits(shape, layout, sequence) * 3 / memoryRate);
        var perMicroBatch = (stageLayers * (layerCompute + layerTp + layerCp + layerEp)) + logits;
        var computeShare = (stageLayers * layerCompute) + logits;

        // Pipeline: m micro-batches, (p - 1) / v idle slots, a send forward and one backward per virtual stage.
        var bubble = layout.Pp > 1 ? perMicroBatch * (layout.Pp - 1) / layout.Vp : 0;
        var sends = 0.0;
        if (layout.Pp > 1)
        {
            var message = ActivationBytes * tokens * shape.DModel / t;
            sends = exposed * 2 * layout.Vp * m * message / Link(device, layout.Gpus, efficiency);
        }

        // Data parallel: reduce the stage's gradients (ring all-reduce, or reduce-scatter + all-gather of the weights
        // under ZeRO 1-2: the same bytes, 2 (n - 1) / n of them), overlapped with the last micro-batch's backward pass.
        // ZeRO 3 gathers the weights for every micro-batch's forward and backward and reduce-scatters the gradients,
        // (2 m + 1) (n - 1) / n, prefetched while the whole step computes (Rajbhandari et al. 2020, section 7.2.2).
        var memory = MemoryPerGpu.Of(shape, layout, sequence, m);
        var stageParams = memory.Weights / ModelStates.WeightBytes * (layout.Zero >= 3 ? layout.Dp : 1);
        var dataParallel = 0.0;
        if (layout.Dp > 1)
        {
            var share = (layout.Dp - 1) / (double)layout.Dp;
            var volumes = layout.Zero >= 3 ? (2 * m) + 1 : 2;
            var reduce = volumes * share * stageParams * ModelStates.GradientBytes / Link(device, layout.Gpus, efficiency);
            var hidden = layout.Zero >= 3 ? m * computeShare : perMicroBatch * 2 / 3;
            dataParallel = Math.Max(0, reduce - hidden);
        }

        var shardedParams = stageParams / (layout.Zero >= 1 ? layout.Dp : 1);
        var optimizer = shardedParams * OptimizerBytesPerParam / memoryRate;

        return new StepTime(
            Compute: m * computeShare,
            TensorParallel: m * stageLayers * layerTp,
            ContextParallel: m * stageLayers * layerCp,
            ExpertParallel: m * stageLayers * layerEp,
            PipelineBubble: bubble,
            PipelineSends: sends,
            DataParallel: dataParallel,
            Optimizer: optimizer);
    }

    /// <summary>Bytes each GPU sends per byte of a ring all-reduce's message: 2 (n - 1) / n.</summary>
    private static double Ring(int n) => 2.0 * (n - 1) / n;

    /// <summary>The one-direction bandwidth a group of <paramref name="span"/> consecutive GPUs shares: the scale-up link inside a node, the NIC across nodes.</summary>
    private static double Link(TrainingDevice device, int span, EfficiencyAssumptions efficiency) =>
        (span <= device.GpusPerNode ? device.ScaleUpBandwidth : device.NetworkBandwidth) * efficiency.CollectiveShare;

    /// <summary>Memory-bound kernels touch the attention scores whenever they are materialised, recomputed or not.</summary>
    private static ParallelLayout TrafficLayout(ParallelLayout layout) =>
        layout.FlashAttention ? layout : layout with { Recompute = Recompute.None };
}
