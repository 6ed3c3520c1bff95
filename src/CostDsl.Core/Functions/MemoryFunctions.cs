using CostDsl.Runtime;
using CostDsl.Semantics;

namespace CostDsl.Functions;

/// <summary>How much memory a model takes when served: weights_memory, kv_cache.</summary>
internal static class MemoryFunctions
{
    private const string PrecisionNote = "left out: the model's bytes_per_param";

    private static readonly ResultDimension Bytes = ResultDimension.Fixed(Dimensions.Information, "B (information)");

    public static IEnumerable<BuiltinFunction> All =>
    [
        new BuiltinFunction
        {
            Name = "weights_memory",
            Summary = "Memory for the weights: params * bytes_per_param. Uses params, every stored parameter, "
                + "also for a mixture-of-experts model (all experts stay in memory although only active_params compute).",
            Source = "definition: one value of bytes_per_param per parameter",
            Parameters =
            [
                ModelFields.Model,
                OptionalArgument.Parameter("bytes_per_param", "bytes per weight (2 B for fp16/bf16, 1 B for int8/fp8); " + PrecisionNote, Dimensions.Information),
            ],
            Result = Bytes,
            Reads = [.. ModelFields.StoredParamReads, .. ModelFields.BytesPerParamReads("bytes_per_param")],
            Compute = (args, context) =>
            {
                var model = args.Block(0);
                return (ModelFields.StoredParams(model, context) * ModelFields.BytesPerParam(args[1], model, context)).Magnitude;
            },
        },
        new BuiltinFunction
        {
            Name = "kv_cache",
            Summary = "Memory for the attention keys and values of `batch` sequences of `tokens` tokens: "
                + "2 * layers * kv_heads * head_dim * tokens * batch * bytes. head_dim = d_model / heads unless the model sets head_dim; "
                + "kv_heads defaults to heads (multi-head attention). Grouped-query and multi-query models set kv_heads below heads. "
                + "A model with a sliding_window caches at most the window in its sliding_layers (all layers when not set). "
                + "A latent-attention model (kv_lora_rank set) caches (kv_lora_rank + rope_head_dim) * layers * tokens values instead. "
                + "Needs the model's layers, d_model and heads.",
            Source = "Pope et al. 2022, \"Efficiently Scaling Transformer Inference\", arXiv:2211.05102, section 3.3 (multiquery attention); "
                + "Ainslie et al. 2023, \"GQA\", arXiv:2305.13245 (grouped key/value heads); Jiang et al. 2023, \"Mistral 7B\", arXiv:2310.06825, section 2 (rolling buffer cache of the window); "
                + "DeepSeek-AI 2024, \"DeepSeek-V2\", arXiv:2405.04434, section 2.1.3 (latent KV cache)",
            Parameters =
            [
                ModelFields.Model,
                new("tokens", "tokens cached per sequence (prompt + generated so far)", Dimensions.Tokens),
                new("batch", "sequences cached at once; default 1", Dimensions.Number, Default: Quantity.Dimensionless(1)),
                OptionalArgument.Parameter("bytes", "bytes per cached value (2 B for an fp16 cache); " + PrecisionNote, Dimensions.Information),
            ],
            Result = Bytes,
            Reads = [.. ModelFields.ShapeReads, .. ModelFields.BytesPerParamReads("bytes")],
            Compute = (args, context) =>
            {
                var model = args.Block(0);
                return KvCache(model, args.Magnitude(1), args.Magnitude(2), ModelFields.BytesPerParam(args[3], model, context), context).Magnitude;
            },
        },
    ];

    /// <summary>Shared with decode_tokens_per_s, which reads the cache once per step.</summary>
    public static Operand KvCache(BlockSymbol model, Operand tokens, Operand batch, Operand bytes, ICallContext context) =>
        ModelFields.ShapeOf(model, context).KvValues(tokens) * batch * bytes;
}
