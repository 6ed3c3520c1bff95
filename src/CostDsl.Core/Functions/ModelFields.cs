using System.Collections.Immutable;
using CostDsl.Diagnostics;
using CostDsl.Runtime;
using CostDsl.Semantics;
using CostDsl.Syntax;

namespace CostDsl.Functions;

/// <summary>
/// How the estimation functions read model and hardware blocks: the same field rules at check time
/// (declared as <see cref="FieldRead"/>s, an error at the call when a needed field is missing) and at run time. A mixture-of-experts
/// model computes with active_params and stores params; a dense model sets only params.
/// </summary>
internal static class ModelFields
{
    public static FunctionParameter Model { get; } = new("model", "a model block", Block: BlockKind.Model);

    public static FunctionParameter Hardware { get; } = new("hardware", "a hardware block", Block: BlockKind.Hardware);

    /// <summary>The parameters one token's arithmetic touches: active_params when set, else params.</summary>
    public static ImmutableArray<FieldRead> ComputeParamReads { get; } =
    [
        new("model", "active_params", Dimensions.Number) { IfSet = true },
        new("model", "params", Dimensions.Number) { UnlessField = "active_params" },
    ];

    public static Operand ComputeParams(BlockSymbol model, ICallContext context) =>
        context.OptionalField(model, "active_params") ?? context.RequiredField(model, "params");

    /// <summary>Every parameter the model stores, experts included.</summary>
    public static ImmutableArray<FieldRead> StoredParamReads { get; } = [new("model", "params", Dimensions.Number)];

    public static Operand StoredParams(BlockSymbol model, ICallContext context) => context.RequiredField(model, "params");

    /// <summary>The precision is the argument <paramref name="argument"/> when given, else the model's bytes_per_param; never a guess.</summary>
    public static ImmutableArray<FieldRead> BytesPerParamReads(string argument) =>
        [new("model", "bytes_per_param", Dimensions.Information) { UnlessGiven = argument }];

    public static Operand BytesPerParam(Value given, BlockSymbol model, ICallContext context) =>
        OptionalArgument.IsGiven(given) ? ((Quantity)given).Magnitude : context.RequiredField(model, "bytes_per_param");

    /// <summary>layers, d_model and heads must be set; kv_heads and head_dim may be.</summary>
    public static ImmutableArray<FieldRead> ShapeReads { get; } =
    [
        new("model", "layers", Dimensions.Number),
        new("model", "d_model", Dimensions.Number),
        new("model", "heads", Dimensions.Number),
        new("model", "kv_heads", Dimensions.Number) { IfSet = true },
        new("model", "head_dim", Dimensions.Number) { IfSet = true },
    ];

    public static FieldRead HardwareRead(string field, Units.Dimension dimension) => new("hardware", field, dimension);

    public static Shape ShapeOf(BlockSymbol model, ICallContext context)
    {
        var heads = Positive(context.RequiredField(model, "heads"), $"{model.Describe()}.heads", context);
        var width = context.RequiredField(model, "d_model");
        var layers = context.RequiredField(model, "layers");
        return new Shape(
            Layers: layers,
            DModel: width,
            Heads: heads,
            KvHeads: context.OptionalField(model, "kv_heads") ?? heads,
            HeadDim: context.OptionalField(model, "head_dim") ?? (new Operand(width) / heads).Magnitude)
        {
            SlidingWindow = context.OptionalField(model, "sliding_window"),
            WindowedLayers = context.OptionalField(model, "sliding_window") is null ? Magnitude.Exact(0) : context.OptionalField(model, "sliding_layers") ?? layers,
            KvLoraRank = context.OptionalField(model, "kv_lora_rank"),
            RopeHeadDim = context.OptionalField(model, "rope_head_dim"),
        };
    }

    /// <summary>A divisor must be above zero: a zero or negative one is an error at the call, not an infinity.</summary>
    public static Magnitude Positive(Magnitude value, string what, ICallContext context) =>
        value.Any(v => v <= 0) ? throw context.Fail(Codes.DomainError, $"{what} must be above zero") : value;

    /// <summary>A model's attention shape. head_dim is d_model / heads unless the model sets it; kv_heads defaults to heads.</summary>
    /// <summary>
    /// Sliding-window layers keep only the window's tokens; a latent-attention (MLA) model caches kv_lora_rank + rope_head_dim
    /// values a layer instead of keys and values per head (DeepSeek-V2, arXiv:2405.04434, section 2.1).
    /// </summary>
    public sealed record Shape(Magnitude Layers, Magnitude DModel, Magnitude Heads, Magnitude KvHeads, Magnitude HeadDim)
    {
        public Magnitude? SlidingWindow { get; init; }

        public Magnitude WindowedLayers { get; init; } = Magnitude.Exact(0);

        public Magnitude? KvLoraRank { get; init; }

        public Magnitude? RopeHeadDim { get; init; }

        /// <summary>Values cached per token and layer: a key and a value vector of head_dim per K/V head, or MLA's latent and RoPE key.</summary>
        public Operand KvValuesPerTokenLayer => KvLoraRank is { } rank
            ? (Operand)rank + (RopeHeadDim ?? Magnitude.Exact(0))
            : 2 * (Operand)KvHeads * HeadDim;

        /// <summary>Token-layers cached (or attended to) for a sequence of <paramref name="tokens"/>: windowed layers count at most the window.</summary>
        public Operand TokenLayers(Operand tokens)
        {
            var windowed = (Operand)WindowedLayers;
            var span = SlidingWindow is { } w ? Magnitude.Zip(tokens.Magnitude, w, Math.Min) : tokens.Magnitude;
            return (windowed * span) + (((Operand)Layers - windowed) * tokens);
        }

        /// <summary>Values cached for one sequence of <paramref name="tokens"/> tokens.</summary>
        public Operand KvValues(Operand tokens) => KvValuesPerTokenLayer * TokenLayers(tokens);
    }
}
