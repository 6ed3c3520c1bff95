using CostDsl.Runtime;
using CostDsl.Semantics;

namespace CostDsl.Functions;

/// <summary>How many operations a model spends: training_flops, inference_flops, seed_flops.</summary>
internal static class ComputeFunctions
{
    public const string Kaplan = "Kaplan et al. 2020, \"Scaling Laws for Neural Language Models\", arXiv:2001.08361";

    private static readonly ResultDimension Flop = ResultDimension.Fixed(Dimensions.Operations, "FLOP");

    public static IEnumerable<BuiltinFunction> All =>
    [
        new BuiltinFunction
        {
            Name = "training_flops",
            Summary = "Training compute: C = 6 * N * tokens FLOP (forward pass 2N per token, backward pass 4N). "
                + "N is the model's active_params when it sets them (mixture of experts), else its params. "
                + "Leaves out the attention term (small next to 6N when d_model is large against the context) and any recomputation. "
                + "Kaplan counts non-embedding parameters; the catalogs give total params, which overstates small models a little.",
            Source = Kaplan + ", section 2.1 (C = 6NBS)",
            Parameters = [ModelFields.Model, new("tokens", "training tokens (e.g. 300e9 token)", Dimensions.Tokens)],
            Result = Flop,
            Reads = ModelFields.ComputeParamReads,
            Compute = (args, context) => (6 * ModelFields.ComputeParams(args.Block(0), context) * args.Magnitude(1)).Magnitude,
        },
        new BuiltinFunction
        {
            Name = "inference_flops",
            Summary = "Inference compute for `tokens` tokens (input + output) of one request: per token 2 * N, "
                + "plus the attention term 4 * layers * context * heads * head_dim (= 4 * layers * context * d_model unless head_dim is set) when the model sets layers and d_model: "
                + "QK^T and scores * V each cost 2 * context * heads * head_dim per layer. A sliding window caps the context of the windowed layers; "
                + "a latent-attention model (kv_lora_rank) attends over its latent: 2 * context * heads * (2 * kv_lora_rank + rope_head_dim) per layer. "
                + "N is active_params when set (mixture of experts), else params. `context` is how many tokens each token attends to; "
                + "left out, it is `tokens`, the whole request, which bounds the attention term from above.",
            Source = Kaplan + ", Table 1 (2N per token); Hoffmann et al. 2022, \"Training Compute-Optimal Large Language Models\", arXiv:2203.15556, appendix F (attention: QK^T and scores * V, 2 FLOP per multiply-add each)",
            Parameters =
            [
                ModelFields.Model,
                new("tokens", "tokens processed (input + output)", Dimensions.Tokens),
                OptionalArgument.Parameter("context", "attention span per token; left out: tokens", Dimensions.Tokens),
            ],
            Result = Flop,
            Reads = ModelFields.ComputeParamReads,
            Compute = (args, context) =>
            {
                var tokens = args.Magnitude(1);
                var span = OptionalArgument.IsGiven(args[2]) ? args.Magnitude(2) : tokens;
                return InferenceFlops(args.Block(0), tokens, span, context).Magnitude;
            },
        },
        new BuiltinFunction
        {
            Name = "seed_flops",
            Summary = "The originating article's estimate, FLOPs = L * D * N (L tokens of question and answer, D the model dimension, N the number of layers). "
                + "Kept so that the article's figures can be reproduced. It is not the standard estimate: it leaves out the 2N per token "
                + "of the weights and is about 1e5 times too small for ChatGLM2-6B; compare inference_flops.",
            Source = "\"How high is the compute cost of an AI large-model application?\" (2023), the article CostDsl began from (shared/reference/seed-article.md, A10)",
            Parameters =
            [
                new("tokens", "L, tokens of question and answer", Dimensions.Tokens),
                new("d_model", "D, the model dimension", Dimensions.Number),
                new("layers", "N, the number of layers", Dimensions.Number),
            ],
            Result = Flop,
            Compute = (args, _) => ((Operand)args.Magnitude(0) * args.Magnitude(1) * args.Magnitude(2)).Magnitude,
        },
    ];

    /// <summary>
    /// The forward-pass count, shared with prefill_seconds: 2N per token, plus attention, QK^T and scores*V at 2 FLOP a
    /// multiply-add each: 4 * span * heads * head_dim per layer (d_model when head_dim is not set), the span capped by
    /// a sliding window in the windowed layers; with latent attention 2 * span * heads * (2 * kv_lora_rank + rope_head_dim).
    /// </summary>
    public static Operand InferenceFlops(BlockSymbol model, Magnitude tokens, Magnitude span, ICallContext context)
    {
        var perToken = 2 * ModelFields.ComputeParams(model, context);
        if (context.OptionalField(model, "layers") is not { } layers || context.OptionalField(model, "d_model") is not { } width)
        {
            return perToken * tokens;
        }

        if (context.OptionalField(model, "heads") is null)
        {
            return (perToken + (4 * (Operand)layers * span * width)) * tokens;
        }

        var shape = ModelFields.ShapeOf(model, context);
        var perSpan = shape.KvLoraRank is { } rank
            ? 2 * (Operand)shape.Heads * ((2 * (Operand)rank) + (shape.RopeHeadDim ?? Magnitude.Exact(0)))
            : 4 * (Operand)shape.Heads * shape.HeadDim;
        return (perToken + (perSpan * shape.TokenLayers(span))) * tokens;
    }
}
