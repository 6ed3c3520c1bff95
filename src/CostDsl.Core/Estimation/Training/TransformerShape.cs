namespace CostDsl.Estimation.Training;

/// <summary>
/// The parts of a decoder-only transformer that set its training FLOPs and memory. Counts are plain
/// doubles so that one shape serves exact values and Monte Carlo samples alike. A dense model has
/// Experts = 0; an MoE model's MoE layers are Layers - DenseLayers.
/// </summary>
public sealed record TransformerShape(
    double Layers,
    double DModel,
    double Heads,
    double KvHeads,
    double HeadDim,
    double Ffn,
    double MlpMatrices,
    double Vocab,
    bool TiedEmbeddings,
    double Experts = 0,
    double ExpertsPerToken = 0,
    double SharedExperts = 0,
    double MoeFfn = 0,
    double DenseLayers = 0,
    double SlidingWindow = 0,
    double SlidingLayers = 0,
    double KvLoraRank = 0,
    double QLoraRank = 0,
    double RopeHeadDim = 0,
    double VHeadDim = 0)
{
    public bool IsMoe => Experts > 0;

    /// <summary>
    /// Multi-head latent attention (DeepSeek-V2/V3): keys and values are up-projected from a shared latent of
    /// KvLoraRank values (plus one RoPE key of RopeHeadDim shared by the heads), queries from one of QLoraRank (or
    /// straight from the input when QLoraRank is 0). Training runs it unabsorbed: each head gets its own key of
    /// HeadDim (nope + rope) and value of VHeadDim, so its attention costs what multi-head attention of those widths
    /// costs. DeepSeek-V3 technical report, arXiv:2412.19437, section 2.1.1, equations 1-11.
    /// </summary>
    public bool IsLatentAttention => KvLoraRank > 0;

    /// <summary>
    /// The training model's view of a shared <see cref="ModelShape"/>: every count set, since a step's FLOPs need the
    /// MLP width and the vocabulary. Latent attention (MLA) is not modelled yet, so such a model gives a problem.
    /// </summary>
    public static (TransformerShape? Shape, string? Problem) From(ModelShape model)
    {
        if (model.Vocab is not { } vocab)
        {
            return (null, $"{model.Name} has no vocab, which the logits' FLOPs and memory need");
        }

        var moe = model.IsMixtureOfExperts;
        if (moe && model.MoeFfn is null)
        {
            return (null, $"{model.Name} is a mixture of experts without moe_ffn, the experts' MLP width");
        }

        var denseLayers = moe ? Math.Min(model.DenseLayers, model.Layers) : model.Layers;
        if (denseLayers > 0 && model.Ffn is null)
        {
            return (null, $"{model.Name} has no ffn, the MLP width its dense layers need");
        }

        return (new TransformerShape(
            model.Layers,
            model.DModel,
            model.Heads,
            model.KvHeads,
            model.HeadDim,
            model.Ffn ?? 0,
            model.MlpMatrices,
            vocab,
            model.TiedEmbeddings,
            Experts: moe ? model.Experts!.Value : 0,
            ExpertsPerToken: moe ? model.ExpertsPerToken!.Value : 0,
            SharedExperts: moe ? model.SharedExperts : 0,
            MoeFfn: moe ? model.MoeFfn!.Value : 0,
            DenseLayers: moe ? model.DenseLayers : 0,
            SlidingWindow: model.SlidingWindow ?? 0,
            SlidingLayers: model.SlidingLayers ?? 0,
            KvLoraRank: model.KvLoraRank ?? 0,
            QLoraRank: model.QLoraRank ?? 0,
            RopeHeadDim: model.RopeHeadDim ?? 0,
            VHeadDim: model.VHeadDim ?? 0), null);
    }

    /// <summary>Width of all query heads together (d_model unless head_dim says otherwise).</summary>
    public double QueryWidth => Heads * HeadDim;

    /// <summary>Width of the keys (and of the values): grouped-query attention shares them across query heads.</summary>
    public double KvWidth => KvHeads * HeadDim;

    /// <summary>A value head's width: head_dim, unless v_head_dim says otherwise (latent attention).</summary>
    public double ValueHeadDim => VHeadDim > 0 ? VHeadDim : HeadDim;

    /// <summary>Width of all the values the query heads read, which is also the output projection's input.</summary>
    public double ValueWidth => Heads * ValueHeadDim;

    /// <summary>
    /// Q, K, V and output projections of one layer. Latent attention: W_DQ (d_model x q_lora_rank) and W_UQ with W_QR
    /// (q_lora_rank x heads x head_dim), or W_Q (d_model x heads x head_dim) without a query latent; W_DKV with W_KR
    /// (d_model x (kv_lora_rank + rope_head_dim)); W_UK and W_UV (kv_lora_rank x heads x (nope + v_head_dim)); W_O
    /// (heads x v_head_dim x d_model). 187.1M a layer for DeepSeek-V3.
    /// </summary>
    public double AttentionParams => IsLatentAttention
        ? (QLoraRank > 0 ? (DModel * QLoraRank) + (QLoraRank * QueryWidth) : DModel * QueryWidth)
            + (DModel * (KvLoraRank + RopeHeadDim))
            + (KvLoraRank * Heads * (HeadDim - RopeHeadDim + ValueHeadDim))
            + (ValueWidth * DModel)
        : (DModel * QueryWidth) + (2 * DModel * KvWidth) + (QueryWidth * DModel);

    /// <summary>
    /// 16-bit bytes per token that a layer's attention keeps for its backward pass, before TP splits them: Q and the
    /// output projection's input (2 x (query + value width)), K and V (2 x kv_heads x (head_dim + value head)); for
    /// latent attention also the two latents and the RoPE key (the up-projections' inputs) and the latents' norm inputs.
    /// For multi-head or grouped-query attention this is Korthikanti's 4 s b h of Q and output and 4 s b h of K and V.
    /// </summary>
    public double AttentionKeptPerToken => (2 * (QueryWidth + ValueWidth)) + (2 * KvHeads * (HeadDim + ValueHeadDim));

    /// <summary>The latent part of the kept bytes per token, which the down-projections compute in full on every TP rank.</summary>
    public double LatentKeptPerToken => IsLatentAttention ? (2 * (QLoraRank + KvLoraRank + RopeHeadDim)) + (2 * (QLoraRank + KvLoraRank)) : 0;

    public double DenseMlpParams => MlpMatrices * DModel * Ffn;

    public double ExpertParams => MlpMatrices * DModel * MoeFfn;

    public double MoeLayers => IsMoe ? Layers - DenseLayers : 0;

    public double DenseMlpLayers => Layers - MoeLayers;

    /// <summary>MLP weights one token passes through in an MoE layer: its chosen and the shared experts, and the router.</summary>
    public double ActiveMoeMlpParams => ((ExpertsPerToken + SharedExperts) * ExpertParams) + (DModel * Experts);

    /// <summary>MLP weights an MoE layer stores.</summary>
    public double StoredMoeMlpParams => ((Experts + SharedExperts) * ExpertParams) + (DModel * Experts);

    public double EmbeddingParams => Vocab * DModel;

    /// <summary>Every weight stored, counted from the shape (norms and biases left out: under 0.1% for these models).</summary>
    public double StoredParams =>
        (Layers * AttentionParams) + (DenseMlpLayers * DenseMlpParams) + (MoeLayers * StoredMoeMlpParams)
        + (EmbeddingParams * (TiedEmbeddings ? 1 : 2));

    /// <summary>Weights one token's matrix multiplications use in the layers (embedding lookup is not a matmul; the logits are counted apart).</summary>
    public double ActiveLayerParams => (Layers * AttentionParams) + (DenseMlpLayers * DenseMlpParams) + (MoeLayers * ActiveMoeMlpParams);

    /// <summary>
    /// Tokens each token attends to, averaged over layers: the sequence, or the window on sliding-window layers.
    /// Causal masking is not halved, as Narayanan et al. 2021 eq. 3 counts it (kernels without block skipping do that work).
    /// </summary>
    public double MeanSpan(double sequence)
    {
        if (SlidingWindow <= 0 || SlidingWindow >= sequence)
        {
            return sequence;
        }

        var windowed = SlidingLayers > 0 ? Math.Min(SlidingLayers, Layers) : Layers;
        return ((windowed * SlidingWindow) + ((Layers - windowed) * sequence)) / Layers;
    }
}
