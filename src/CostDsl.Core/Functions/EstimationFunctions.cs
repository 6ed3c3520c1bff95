using CostDsl.Runtime;
using CostDsl.Semantics;
using CostDsl.Syntax;

namespace CostDsl.Functions;

/// <summary>
/// The estimation library: compute, memory, time, devices, money. Each function states its formula
/// and source. A mixture-of-experts model computes with <c>active_params</c> and stores <c>params</c>.
/// </summary>
internal static class EstimationFunctions
{
    private const string Kaplan = "Kaplan et al. 2020, Scaling Laws for Neural Language Models (arXiv:2001.08361), section 2.1";

    public static IEnumerable<BuiltinFunction> All =>
    [
        new BuiltinFunction
        {
            Name = "training_flops",
            Summary = "Training compute: 6 FLOP per parameter per token, 6 * N * tokens (forward 2N, backward 4N). N is active_params when the model sets it (mixture of experts), else params.",
            Source = Kaplan,
            Returns = "FLOP",
            Parameters = [Model("model"), new("tokens", "training tokens", Dimensions.Tokens)],
            ResultType = (types, context) => RequireComputeParams(types[0], context, "training_flops") ? Arguments.Quantity(Dimensions.Operations) : StaticType.Error,
            Invoke = (args, context) => new Quantity(Magnitude.Zip(ComputeParams(args.Block(0), context), args.Magnitude(1), (n, t) => 6 * n * t), Dimensions.Operations),
        },
        new BuiltinFunction
        {
            Name = "inference_flops",
            Summary = "Inference compute for a request of `tokens` tokens: 2 * N per token, plus the attention term 2 * layers * context * d_model per token when the model sets layers and d_model. N is active_params when set, else params. `context` is how many tokens each token attends to; it defaults to `tokens`, the whole request, which bounds it from above.",
            Source = Kaplan + ", Table 1 (C_forward = 2N + 2 n_layer n_ctx d_attn)",
            Returns = "FLOP",
            Parameters = [Model("model"), new("tokens", "tokens processed (input + output)", Dimensions.Tokens), new("context", "attention span per token; defaults to tokens", Dimensions.Tokens, Default: Quantity.Exact(-1, Dimensions.Tokens))],
            ResultType = (types, context) => RequireComputeParams(types[0], context, "inference_flops") ? Arguments.Quantity(Dimensions.Operations) : StaticType.Error,
            Invoke = (args, context) =>
            {
                var model = args.Block(0);
                var tokens = args.Magnitude(1);
                var span = args.Magnitude(2) is { IsExact: true, Value: < 0 } ? tokens : args.Magnitude(2);
                var perToken = ComputeParams(model, context).Map(n => 2 * n);
                if (context.OptionalField(model, "layers") is { } layers && context.OptionalField(model, "d_model") is { } width)
                {
                    var attention = Magnitude.Zip(Magnitude.Zip(layers, width, (l, d) => 2 * l * d), span, (ld, c) => ld * c);
                    perToken = Magnitude.Zip(perToken, attention, (a, b) => a + b);
                }

                return new Quantity(Magnitude.Zip(perToken, tokens, (f, t) => f * t), Dimensions.Operations);
            },
        },
        new BuiltinFunction
        {
            Name = "seed_flops",
            Summary = "The originating article's estimate, FLOPs = L * D * N (L tokens, D model dimension, N layers), kept so that its figures can be reproduced. It is not the standard estimate: compare inference_flops.",
            Source = "\"How high is the compute cost of an AI large-model application?\" (2023), the article CostDsl began from",
            Returns = "FLOP",
            Parameters = [new("tokens", "L, tokens of question and answer", Dimensions.Tokens), new("d_model", "D, the model dimension", Dimensions.Number), new("layers", "N, the number of layers", Dimensions.Number)],
            ResultType = (_, _) => Arguments.Quantity(Dimensions.Operations),
            Invoke = (args, _) => new Quantity(Magnitude.Zip(Magnitude.Zip(args.Magnitude(0), args.Magnitude(1), (l, d) => l * d), args.Magnitude(2), (ld, n) => ld * n), Dimensions.Operations),
        },
    ];

    public static FunctionParameter Model(string name) => new(name, "a model block", Block: BlockKind.Model);

    private static bool RequireComputeParams(StaticType model, ICheckContext context, string function) =>
        model is BlockType block && (context.FieldType(block.Block, "active_params") is not null
            ? context.RequireField(block.Block, "active_params", Dimensions.Number, function)
            : context.RequireField(block.Block, "params", Dimensions.Number, function));

    private static Magnitude ComputeParams(BlockSymbol model, ICallContext context) =>
        context.OptionalField(model, "active_params") ?? context.RequiredField(model, "params");
}
