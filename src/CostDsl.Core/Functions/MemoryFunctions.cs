using CostDsl.Runtime;
using CostDsl.Semantics;

namespace CostDsl.Functions;

/// <summary>How much memory a model takes: weights_memory, kv_cache, training_memory.</summary>
internal static class MemoryFunctions
{
    private const string PrecisionNote = "left out: the model's bytes_per_param";

    /// <summary>Mixed-precision Adam: 2 + 2 + 4 + 4 + 4 bytes per parameter (ZeRO, section 3.1).</summary>
    private const double StatesBytesPerParam = 16;

    public static IEnumerable<BuiltinFunction> All =>
    [
        new BuiltinFunction
        {
            Name = "weights_memory",
            Summary = "Memory for the weights: params * bytes_per_param. Uses params, every stored parameter, "
                + "also for a mixture-of-experts model (all experts stay in memory although only active_params compute).",
            Source = "definition: one value of bytes_per_param per parameter",
            Returns = "B (information)",
            Parameters =
            [
                ModelFields.Model,
                OptionalArgument.Parameter("bytes_per_param", "bytes per weight (2 B for fp16/bf16, 1 B for int8/fp8); " + PrecisionNote, Dimensions.Information),
            ],
            ResultType = (types, context) =>
                ModelFields.CheckStoredParams(types[0], context, "weights_memory") & ModelFields.CheckBytesPerParam(types[0], types[1], context, "weights_memory")
                    ? Arguments.Quantity(Dimensions.Information)
                    : StaticType.Error,
            Invoke = (args, context) =>
            {
                var model = args.Block(0);
                var bytes = ModelFields.StoredParams(model, context) * ModelFields.BytesPerParam(args[1], model, context);
                return new Quantity(bytes.Magnitude, Dimensions.Information);
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
            Returns = "B (information)",
            Parameters =
            [
                ModelFields.Model,
                new("tokens", "tokens cached per sequence (prompt + generated so far)", Dimensions.Tokens),
                new("batch", "sequences cached at once; default 1", Dimensions.Number, Default: Quantity.Dimensionless(1)),
                OptionalArgument.Parameter("bytes", "bytes per cached value (2 B for an fp16 cache); " + PrecisionNote, Dimensions.Information),
            ],
            ResultType = (types, context) =>
                ModelFields.CheckShape(types[0], context, "kv_cache") & ModelFields.CheckBytesPerParam(types[0], types[3], context, "kv_cache")
                    ? Arguments.Quantity(Dimensions.Information)
                    : StaticType.Error,
            Invoke = (args, context) =>
            {
                var model = args.Block(0);
                var bytes = KvCache(model, args.Magnitude(1), args.Magnitude(2), ModelFields.BytesPerParam(args[3], model, context), context);
                return new Quantity(bytes.Magnitude, Dimensions.Information);
            },
        },
        new BuiltinFunction
        {
            Name = "training_memory",
            Summary = "Memory to train with mixed-precision Adam, without sharding: 16 B per parameter of model states "
                + "(fp16 weights 2 + fp16 gradients 2 + fp32 master weights 4 + Adam momentum 4 + variance 4), times params. "
                + "When `tokens` (sequence length) is given, plus the activations of `batch` sequences with no recomputation: "
                + "layers * tokens * batch * d_model * (34 + 5 * heads * tokens / d_model) B (16-bit activations, a GPT-style layer with a 4 * d_model MLP). "
                + "The 5 * heads * tokens / d_model part is the attention scores; FlashAttention or selective recomputation removes it, and full recomputation "
                + "keeps only each layer's input. Divide by the data-parallel devices for ZeRO-3 / FSDP sharding of the states.",
            Source = "Rajbhandari et al. 2020, \"ZeRO\", arXiv:1910.02054, section 3.1 (16 bytes per parameter); "
                + "Korthikanti et al. 2022, \"Reducing Activation Recomputation in Large Transformer Models\", arXiv:2205.05198, section 4.1, equation 1",
            Returns = "B (information)",
            Parameters =
            [
                ModelFields.Model,
                OptionalArgument.Parameter("tokens", "sequence length; left out: model states only, no activations", Dimensions.Tokens),
                new("batch", "sequences per device per step (micro-batch); default 1", Dimensions.Number, Default: Quantity.Dimensionless(1)),
            ],
            ResultType = (types, context) =>
                ModelFields.CheckStoredParams(types[0], context, "training_memory")
                & (!OptionalArgument.IsGiven(types[1]) || ModelFields.CheckShape(types[0], context, "training_memory"))
                    ? Arguments.Quantity(Dimensions.Information)
                    : StaticType.Error,
            Invoke = (args, context) =>
            {
                var model = args.Block(0);
                var bytes = StatesBytesPerParam * ModelFields.StoredParams(model, context);
                if (OptionalArgument.IsGiven(args[1]))
                {
                    var shape = ModelFields.ShapeOf(model, context);
                    Operand sequence = args.Magnitude(1);
                    var width = (Operand)ModelFields.Positive(shape.DModel, $"{model.Describe()}.d_model", context);
                    bytes += shape.Layers * sequence * args.Magnitude(2) * width * (34 + (5 * (Operand)shape.Heads * sequence / width));
                }

                return new Quantity(bytes.Magnitude, Dimensions.Information);
            },
        },
    ];

    /// <summary>Shared with decode_tokens_per_s, which reads the cache once per step.</summary>
    public static Operand KvCache(BlockSymbol model, Operand tokens, Operand batch, Operand bytes, ICallContext context) =>
        ModelFields.ShapeOf(model, context).KvValues(tokens) * batch * bytes;
}
