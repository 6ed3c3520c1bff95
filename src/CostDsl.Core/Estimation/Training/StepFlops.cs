namespace CostDsl.Estimation.Training;

/// <summary>
/// FLOPs of one optimizer step. Per token and layer the forward pass costs 2 FLOPs per weight it multiplies by plus
/// 4 * query width * span for QK^T and attention x V; the logits cost 2 * d_model * vocab; the backward pass costs
/// twice the forward pass. For a GPT model (d_model = heads * head_dim, ffn = 4 d_model, two MLP matrices) with full
/// recomputation this is exactly Narayanan et al. 2021 (arXiv:2104.04473) eq. 3, 96 B s l h^2 (1 + s/6h + V/16lh),
/// and without recomputation Korthikanti et al. 2022 (arXiv:2205.05198) section 6's model FLOPs, 72 B s l h^2 (1 + s/6h + V/12lh).
/// </summary>
public static class StepFlops
{
    /// <summary>One token's forward FLOPs in all layers, logits left out.</summary>
    public static double LayersForwardPerToken(TransformerShape shape, double sequence) =>
        (2 * shape.ActiveLayerParams) + AttentionScoresForwardPerToken(shape, sequence);

    /// <summary>
    /// QK^T (2 x heads x head_dim per attended token) and attention x V (2 x heads x value head) of one token in all
    /// layers, 4 x heads x head_dim when the two widths agree: the part that selective recomputation reruns.
    /// </summary>
    public static double AttentionScoresForwardPerToken(TransformerShape shape, double sequence) =>
        2 * (shape.QueryWidth + shape.ValueWidth) * shape.MeanSpan(sequence) * shape.Layers;

    public static double LogitsForwardPerToken(TransformerShape shape) => 2 * shape.DModel * shape.Vocab;

    /// <summary>Model FLOPs of a step of <paramref name="batch"/> sequences: forward and backward once, as MFU counts them.</summary>
    public static double Model(TransformerShape shape, double batch, double sequence) =>
        3 * batch * sequence * (LayersForwardPerToken(shape, sequence) + LogitsForwardPerToken(shape));

    /// <summary>Hardware FLOPs: model FLOPs plus what recomputation runs again, as HFU counts them.</summary>
    public static double Hardware(TransformerShape shape, double batch, double sequence, Recompute recompute) =>
        Model(shape, batch, sequence) + (batch * sequence * RecomputedForwardPerToken(shape, sequence, recompute));

    /// <summary>
    /// Forward work run again per token. FlashAttention-style kernels always recompute the scores in the backward
    /// pass, but their FLOPs are the scores' FLOPs either way, so only the recomputation switch changes the count.
    /// </summary>
    public static double RecomputedForwardPerToken(TransformerShape shape, double sequence, Recompute recompute) => recompute switch
    {
        Recompute.Full => LayersForwardPerToken(shape, sequence),
        Recompute.Selective => AttentionScoresForwardPerToken(shape, sequence),
        _ => 0,
    };
}
