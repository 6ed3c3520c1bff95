using CostDsl.Validation;

namespace CostDsl.Estimation;

/// <summary>
/// A transformer's shape as the performance models need it, from a case's model object or a spec's model
/// block (the fields KnownFields lists, with the same names). Counts are plain numbers; optional parts are
/// null when the model does not have them. Derived figures (parameter groups, KV values per token) are here,
/// once, for the serving and training models alike.
/// </summary>
public sealed record ModelShape(
    string Name,
    double Params,
    double? ActiveParams,
    double Layers,
    double DModel,
    double Heads,
    double KvHeads,
    double HeadDim,
    double? Ffn,
    double MlpMatrices,
    double? Vocab,
    bool TiedEmbeddings,
    double? SlidingWindow,
    double? SlidingLayers,
    double? Experts,
    double? ExpertsPerToken,
    double SharedExperts,
    double? MoeFfn,
    double DenseLayers,
    double? KvLoraRank,
    double? QLoraRank,
    double? RopeHeadDim,
    double? NopeHeadDim,
    double? VHeadDim)
{
    /// <summary>The model fields the shape reads (KnownFields names).</summary>
    public static readonly IReadOnlyList<string> Fields =
    [
        "params", "active_params", "layers", "d_model", "heads", "kv_heads", "head_dim", "ffn", "mlp_matrices", "vocab", "tied_embeddings",
        "sliding_window", "sliding_layers", "experts", "experts_per_token", "shared_experts", "moe_ffn", "dense_layers",
        "kv_lora_rank", "q_lora_rank", "rope_head_dim", "nope_head_dim", "v_head_dim",
    ];

    public bool IsMixtureOfExperts => Experts is not null && ExpertsPerToken is not null;

    public bool IsLatentAttention => KvLoraRank is not null;

    /// <summary>
    /// Reads a shape through <paramref name="field"/> (a field's value, or null when unset). A missing or
    /// non-positive required field gives a problem in words instead of a shape.
    /// </summary>
    public static (ModelShape? Shape, string? Problem) Read(string name, Func<string, double?> field)
    {
        var missing = new[] { "params", "layers", "d_model", "heads" }.Where(f => field(f) is null).ToList();
        if (missing.Count > 0)
        {
            return (null, $"{name} needs {string.Join(", ", missing)}, which {(missing.Count == 1 ? "is" : "are")} not set");
        }

        foreach (var f in Fields)
        {
            if (field(f) is { } v && (!double.IsFinite(v) || v < 0 || (v == 0 && f is not ("tied_embeddings" or "shared_experts" or "dense_layers"))))
            {
                return (null, $"{name}.{f} must be above zero");
            }
        }

        var heads = field("heads")!.Value;
        var width = field("d_model")!.Value;
        var experts = field("experts");
        var perToken = field("experts_per_token");
        if ((experts is null) != (perToken is null) || (experts is { } e && perToken is { } k && k > e))
        {
            return (null, $"{name}: experts and experts_per_token go together, with experts_per_token <= experts");
        }

        var shape = new ModelShape(
            name,
            field("params")!.Value,
            field("active_params"),
            field("layers")!.Value,
            width,
            heads,
            field("kv_heads") ?? heads,
            field("head_dim") ?? (width / heads),
            field("ffn"),
            field("mlp_matrices") ?? 3,
            field("vocab"),
            field("tied_embeddings") is { } tied && tied != 0,
            field("sliding_window"),
            field("sliding_layers"),
            experts,
            perToken,
            field("shared_experts") ?? 0,
            field("moe_ffn"),
            field("dense_layers") ?? 0,
            field("kv_lora_rank"),
            field("q_lora_rank"),
            field("rope_head_dim"),
            field("nope_head_dim"),
            field("v_head_dim"));
        return (shape, null);
    }

    /// <summary>The shape of a case's model object; the format's gated_mlp becomes mlp_matrices 3 or 2.</summary>
    public static (ModelShape? Shape, string? Problem) FromCase(CaseModel model) => Read(model.Name, f => f switch
    {
        "params" => model.Params,
        "active_params" => model.ActiveParams,
        "layers" => model.Layers,
        "d_model" => model.DModel,
        "heads" => model.Heads,
        "kv_heads" => model.KvHeads,
        "head_dim" => model.HeadDim,
        "ffn" => model.Ffn,
        "mlp_matrices" => model.GatedMlp switch { true => 3, false => 2, null => null },
        "vocab" => model.Vocab,
        "tied_embeddings" => model.TiedEmbeddings switch { true => 1, false => 0, null => null },
        "sliding_window" => model.SlidingWindow,
        "experts" => model.Experts,
        "experts_per_token" => model.ExpertsPerToken,
        "moe_ffn" => model.MoeFfn,
        _ => null,
    });

    /// <summary>Weights of one routed expert in one layer.</summary>
    public double? ExpertParams => MoeFfn is { } f ? MlpMatrices * DModel * f : null;

    /// <summary>Layers whose MLP is a mixture of experts.</summary>
    public double MoeLayers => IsMixtureOfExperts ? Math.Max(0, Layers - DenseLayers) : 0;

    /// <summary>
    /// Parameters one token's matmuls use: active_params when set, else the routed experts' share counted
    /// from the shape, else params (a dense model).
    /// </summary>
    public double ComputeParams => ActiveParams
        ?? (IsMixtureOfExperts && ExpertParams is { } one ? Params - (MoeLayers * (Experts!.Value - ExpertsPerToken!.Value) * one) : Params);

    /// <summary>Parameters of the routed experts one token uses (k experts in every MoE layer); 0 for a dense model.</summary>
    public double RoutedParamsPerToken => IsMixtureOfExperts
        ? MoeLayers * ExpertsPerToken!.Value * (ExpertParams ?? ((Params - ComputeParams) / (MoeLayers * (Experts!.Value - ExpertsPerToken!.Value))))
        : 0;

    /// <summary>
    /// Weights a step reads when <paramref name="tokens"/> tokens are routed together: everything for a dense
    /// model; for a mixture of experts, the shared part and the experts the batch touches, E(1 - (1 - k/E)^B)
    /// per layer (each token picks k of E uniformly; Pope et al. 2022 discuss the same expected-coverage effect).
    /// </summary>
    public double WeightsTouched(double tokens)
    {
        if (!IsMixtureOfExperts)
        {
            return Params;
        }

        var e = Experts!.Value;
        var k = ExpertsPerToken!.Value;
        var expert = ExpertParams ?? ((Params - ComputeParams) / (MoeLayers * (e - k)));
        var routed = MoeLayers * e * expert;
        var touched = e * (1 - Math.Pow(1 - (k / e), Math.Max(tokens, 1)));
        return Math.Max(Params - routed, 0) + (MoeLayers * touched * expert);
    }

    /// <summary>Values cached per token and layer: K and V per KV head, or the latent vector and RoPE key of MLA.</summary>
    public double KvValuesPerTokenLayer => KvLoraRank is { } rank
        ? rank + (RopeHeadDim ?? 0)
        : 2 * KvHeads * HeadDim;

    /// <summary>Layers that attend only within the sliding window (all when the model sets a window without sliding_layers).</summary>
    public double WindowedLayers => SlidingWindow is null ? 0 : Math.Min(SlidingLayers ?? Layers, Layers);

    /// <summary>KV values cached for one sequence of <paramref name="context"/> tokens: windowed layers keep only the window.</summary>
    public double KvValues(double context)
    {
        var windowed = WindowedLayers;
        var windowTokens = SlidingWindow is { } w ? Math.Min(context, w) : context;
        return KvValuesPerTokenLayer * ((windowed * windowTokens) + ((Layers - windowed) * context));
    }

    /// <summary>
    /// Attention matmul FLOPs for one query token attending to <paramref name="context"/> tokens, all layers:
    /// QK^T and scores*V, 2 FLOP per multiply-add each, so 4 * heads * head_dim * span per layer (Hoffmann et al.
    /// 2022, "Chinchilla", arXiv:2203.15556, appendix F). With latent attention the absorbed form attends over the
    /// latent (kv_lora_rank + rope_head_dim wide for scores, kv_lora_rank for values; DeepSeek-V2, arXiv:2405.04434, section 2.1).
    /// </summary>
    public double AttentionFlops(double context)
    {
        var windowed = WindowedLayers;
        var windowSpan = SlidingWindow is { } w ? Math.Min(context, w) : context;
        var perLayerPerSpan = KvLoraRank is { } rank
            ? 2 * Heads * ((2 * rank) + (RopeHeadDim ?? 0))
            : 4 * Heads * HeadDim;
        return perLayerPerSpan * ((windowed * windowSpan) + ((Layers - windowed) * context));
    }
    /// <summary>
    /// Values one token writes to memory and reads back per layer between fused kernels: the layer input and
    /// residual, Q/K/V, the attention output and its projection, the MLP's inner activations and its output.
    /// </summary>
    public double ActivationValuesPerTokenLayer
    {
        get
        {
            var inner = IsMixtureOfExperts && MoeFfn is { } f ? (ExpertsPerToken!.Value + SharedExperts) * f : Ffn ?? (4 * DModel);
            return (4 * DModel) + ((2 * Heads) + (2 * KvHeads)) * HeadDim + (MlpMatrices * inner);
        }
    }

    /// <summary>
    /// Attention FLOPs of a causal prefill of <paramref name="prompt"/> tokens: token i attends to i tokens (or the
    /// window), so the span summed over the prompt is P(P+1)/2, or for a window w &lt; P, w(w+1)/2 + (P - w)w.
    /// </summary>
    public double CausalAttentionFlops(double prompt)
    {
        var windowed = WindowedLayers;
        var full = prompt * (prompt + 1) / 2;
        var windowSpan = SlidingWindow is { } w && w < prompt ? (w * (w + 1) / 2) + ((prompt - w) * w) : full;
        return AttentionFlops(1) / Layers * ((windowed * windowSpan) + ((Layers - windowed) * full));
    }
}
