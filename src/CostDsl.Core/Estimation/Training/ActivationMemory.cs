namespace CostDsl.Estimation.Training;

/// <summary>
/// Activation bytes one transformer layer keeps for its backward pass, per micro-batch and GPU, in 16-bit
/// activations with 1-byte dropout masks. Korthikanti et al. 2022, "Reducing Activation Recomputation in Large
/// Transformer Models", arXiv:2205.05198, section 4: s b h (34 + 5 a s / h) without parallelism or recomputation,
/// s b h (10 + 24/t + 5 a s / (h t)) with tensor parallelism t, s b h (34 + 5 a s / h) / t with sequence parallelism
/// as well, the 5 a s / h term gone with selective recomputation (and with FlashAttention, which never stores the
/// scores), and 2 s b h (the layer's input) with full recomputation. Generalised: of the 24 s b h that TP splits,
/// 4 s b h are Q and the output projection's input and 4 s b h K and V, which shrink with grouped-query attention;
/// the MLP keeps 2 s b f per matrix output (4 s b f plain, 6 s b f gated: gate, up and their product); an MoE
/// layer keeps that for each expert a token visits. Context parallelism splits s. Latent attention (DeepSeek-V3) keeps
/// per-head Q, K and V of its own widths, and its latents, which TP does not split (<see cref="TransformerShape.LatentKeptPerToken"/>).
/// </summary>
public static class ActivationMemory
{
    /// <summary>Norm inputs (4), attention and MLP inputs (2 + 2), two dropout masks (1 + 1): split only by sequence parallelism.</summary>
    public const double ReplicatedPerSbh = 10;

    /// <summary>The two dropout masks' part of <see cref="ReplicatedPerSbh"/>, not kept by a run without dropout.</summary>
    public const double DropoutMasksPerSbh = 2;

    /// <summary>The bytes per layer kept between forward and backward when nothing is recomputed.</summary>
    public static double PerLayer(TransformerShape shape, ParallelLayout layout, double sequence, bool moeLayer)
    {
        var s = sequence / layout.Cp;
        var b = (double)layout.MicroBatch;
        var t = (double)layout.Tp;
        var sb = s * b;
        var replicated = (ReplicatedPerSbh - (layout.Dropout ? 0 : DropoutMasksPerSbh)) * sb * shape.DModel / (layout.SequenceParallel ? t : 1);
        var attention = (shape.AttentionKeptPerToken * sb / t) + (shape.LatentKeptPerToken * sb);
        var perMatrixOutput = shape.MlpMatrices >= 3 ? 6.0 : 4.0;
        var mlp = moeLayer
            ? (shape.ExpertsPerToken + shape.SharedExperts) * perMatrixOutput * sb * shape.MoeFfn / t
            : perMatrixOutput * sb * shape.Ffn / t;
        var scores = StoresScores(layout) ? 5 * shape.Heads * s * sequence * b / t : 0;
        return replicated + attention + mlp + scores;
    }

    /// <summary>Softmax output (2 bytes), its dropout mask (1) and dropout output (2) per score, unless a kernel or recomputation avoids keeping them.</summary>
    public static bool StoresScores(ParallelLayout layout) => !layout.FlashAttention && layout.Recompute == Recompute.None;

    /// <summary>What a layer keeps between its forward and backward pass under the layout's recomputation.</summary>
    public static double KeptPerLayer(TransformerShape shape, ParallelLayout layout, double sequence, bool moeLayer) =>
        layout.Recompute == Recompute.Full
            ? 2 * (sequence / layout.Cp) * layout.MicroBatch * shape.DModel / (layout.SequenceParallel ? layout.Tp : 1)
            : PerLayer(shape, layout, sequence, moeLayer);

    /// <summary>
    /// Micro-batches whose activations the first pipeline stage holds at once under 1F1B: p (at most m), and with v > 1
    /// interleaved stages p (1 + (p - 1) / (p v)) (Korthikanti et al. 2022, section 4.2.3). One without a pipeline.
    /// </summary>
    public static double InFlightMicroBatches(ParallelLayout layout, double microBatches)
    {
        if (layout.Pp == 1)
        {
            return 1;
        }

        var p = (double)layout.Pp;
        return Math.Min(p, microBatches) * (layout.Vp > 1 ? 1 + ((p - 1) / (p * layout.Vp)) : 1);
    }

    /// <summary>fp32 logits for the loss on the last stage: 4 s b V / t (Korthikanti et al. 2022, section 4.3).</summary>
    public static double Logits(TransformerShape shape, ParallelLayout layout, double sequence) =>
        4 * (sequence / layout.Cp) * layout.MicroBatch * shape.Vocab / layout.Tp;
}
