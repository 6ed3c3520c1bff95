namespace CostDsl.Catalog;

/// <summary>
/// The shape of a decoder-only transformer, as a catalog `model` block states it and as a Hugging Face
/// config.json gives it. Absent optional parts are null: a dense model has no experts, a model with
/// ordinary attention has no latent ranks. Counts are whole numbers; the context and window are in tokens.
/// </summary>
public sealed record TransformerShape
{
    public required long Layers { get; init; }

    public required long DModel { get; init; }

    public required long Heads { get; init; }

    /// <summary>Key/value heads; equal to <see cref="Heads"/> for multi-head attention.</summary>
    public required long KvHeads { get; init; }

    /// <summary>Per-head query/key width; d_model / heads unless the config says otherwise.</summary>
    public required long HeadDim { get; init; }

    public required long Vocab { get; init; }

    /// <summary>3 for a gated MLP (SwiGLU, GeGLU), 2 for a plain one (GELU, ReLU).</summary>
    public required int MlpMatrices { get; init; }

    public required bool TiedEmbeddings { get; init; }

    /// <summary>The dense MLP's intermediate size; null when every layer is a mixture of experts.</summary>
    public long? Ffn { get; init; }

    /// <summary>Per-head value width where it is not <see cref="HeadDim"/>.</summary>
    public long? VHeadDim { get; init; }

    public long? Context { get; init; }

    public long? SlidingWindow { get; init; }

    /// <summary>Layers that use the sliding window; null when all do (or there is no window).</summary>
    public long? SlidingLayers { get; init; }

    public long? Experts { get; init; }

    public long? ExpertsPerToken { get; init; }

    public long? SharedExperts { get; init; }

    public long? MoeFfn { get; init; }

    /// <summary>Layers with a dense MLP in a mixture-of-experts model (DeepSeek's first layers, Llama 4's interleaved ones).</summary>
    public long? DenseLayers { get; init; }

    public long? QLoraRank { get; init; }

    public long? KvLoraRank { get; init; }

    public long? RopeHeadDim { get; init; }

    public long? NopeHeadDim { get; init; }

    public bool IsMixtureOfExperts => Experts is > 0;

    public bool HasLatentAttention => KvLoraRank is > 0;
}
