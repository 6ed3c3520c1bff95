using CostDsl.Diagnostics;
using CostDsl.Runtime;
using CostDsl.Semantics;
using CostDsl.Syntax;

namespace CostDsl.Functions;

/// <summary>
/// How the estimation functions read model and hardware blocks: the same field rules at check time
/// (an error at the call when a needed field is missing) and at run time. A mixture-of-experts
/// model computes with active_params and stores params; a dense model sets only params.
/// </summary>
internal static class ModelFields
{
    public static FunctionParameter Model { get; } = new("model", "a model block", Block: BlockKind.Model);

    public static FunctionParameter Hardware { get; } = new("hardware", "a hardware block", Block: BlockKind.Hardware);

    /// <summary>The parameters one token's arithmetic touches: active_params when set, else params.</summary>
    public static bool CheckComputeParams(StaticType model, ICheckContext context, string function) =>
        model is BlockType block && (context.FieldType(block.Block, "active_params") is not null
            ? context.RequireField(block.Block, "active_params", Dimensions.Number, function)
            : context.RequireField(block.Block, "params", Dimensions.Number, function));

    public static Operand ComputeParams(BlockSymbol model, ICallContext context) =>
        context.OptionalField(model, "active_params") ?? context.RequiredField(model, "params");

    /// <summary>Every parameter the model stores, experts included.</summary>
    public static bool CheckStoredParams(StaticType model, ICheckContext context, string function) =>
        model is BlockType block && context.RequireField(block.Block, "params", Dimensions.Number, function);

    public static Operand StoredParams(BlockSymbol model, ICallContext context) => context.RequiredField(model, "params");

    /// <summary>The precision is the argument when given, else the model's bytes_per_param; never a guess.</summary>
    public static bool CheckBytesPerParam(StaticType model, StaticType given, ICheckContext context, string function) =>
        OptionalArgument.IsGiven(given)
        || (model is BlockType block && context.RequireField(block.Block, "bytes_per_param", Dimensions.Information, function));

    public static Operand BytesPerParam(Value given, BlockSymbol model, ICallContext context) =>
        OptionalArgument.IsGiven(given) ? ((Quantity)given).Magnitude : context.RequiredField(model, "bytes_per_param");

    /// <summary>layers, d_model and heads must be set; kv_heads and head_dim may be.</summary>
    public static bool CheckShape(StaticType model, ICheckContext context, string function)
    {
        if (model is not BlockType { Block: var block })
        {
            return false;
        }

        var valid = true;
        foreach (var field in new[] { "layers", "d_model", "heads" })
        {
            valid &= context.RequireField(block, field, Dimensions.Number, function);
        }

        foreach (var field in new[] { "kv_heads", "head_dim" })
        {
            valid &= context.FieldType(block, field) is null || context.RequireField(block, field, Dimensions.Number, function);
        }

        return valid;
    }

    public static Shape ShapeOf(BlockSymbol model, ICallContext context)
    {
        var heads = Positive(context.RequiredField(model, "heads"), $"{model.Describe()}.heads", context);
        var width = context.RequiredField(model, "d_model");
        return new Shape(
            Layers: context.RequiredField(model, "layers"),
            DModel: width,
            Heads: heads,
            KvHeads: context.OptionalField(model, "kv_heads") ?? heads,
            HeadDim: context.OptionalField(model, "head_dim") ?? (new Operand(width) / heads).Magnitude);
    }

    public static bool CheckHardwareField(StaticType hardware, string field, Units.Dimension dimension, ICheckContext context, string function) =>
        hardware is BlockType block && context.RequireField(block.Block, field, dimension, function);

    /// <summary>A divisor must be above zero: a zero or negative one is an error at the call, not an infinity.</summary>
    public static Magnitude Positive(Magnitude value, string what, ICallContext context) =>
        value.Any(v => v <= 0) ? throw context.Fail(Codes.DomainError, $"{what} must be above zero") : value;

    /// <summary>A model's attention shape. head_dim is d_model / heads unless the model sets it; kv_heads defaults to heads.</summary>
    public sealed record Shape(Magnitude Layers, Magnitude DModel, Magnitude Heads, Magnitude KvHeads, Magnitude HeadDim)
    {
        /// <summary>Values cached per token: a key and a value vector of head_dim per layer and per K/V head.</summary>
        public Operand KvValuesPerToken => 2 * (Operand)Layers * KvHeads * HeadDim;
    }
}
