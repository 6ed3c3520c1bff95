using CostDsl.Diagnostics;
using CostDsl.Runtime;
using CostDsl.Semantics;
using CostDsl.Units;

namespace CostDsl.Functions;

/// <summary>Helpers for writing built-in functions: reading arguments and block fields.</summary>
internal static class Arguments
{
    public static Magnitude Magnitude(this IReadOnlyList<Value> args, int index) => ((Quantity)args[index]).Magnitude;

    public static BlockSymbol Block(this IReadOnlyList<Value> args, int index) => ((BlockValue)args[index]).Block;

    /// <summary>A block's field as a magnitude; null when the block lacks it.</summary>
    public static Magnitude? OptionalField(this ICallContext context, BlockSymbol block, string field) =>
        context.Field(block, field) is Quantity q ? q.Magnitude : null;

    public static Magnitude RequiredField(this ICallContext context, BlockSymbol block, string field) =>
        context.OptionalField(block, field) ?? throw context.Fail(Codes.UnknownField, $"{block.Describe()} has no field '{field}'");

    /// <summary>
    /// What a user who left a field out most likely needs to be told: a precision is a choice, never a default. The
    /// call's own argument is named (`weights` for the serving functions, `bytes` for kv_cache), so the advice works as written.
    /// </summary>
    private static string HowToSet(string field, string? argument) => field == "bytes_per_param"
        ? argument is null
            ? ": set the precision in the model (`bytes_per_param = 2 B` for bf16/fp16 weights, `1 B` for fp8/int8)"
            : $": give the precision in the call (`{argument}: 2 B` for bf16/fp16, `{argument}: 1 B` for fp8/int8) or set `bytes_per_param = 2 B` in the model"
        : string.Empty;

    /// <summary>
    /// Checks at check time that a block has a field of the expected dimension. <paramref name="argument"/> names the
    /// call's argument that would stand in for the field, for the advice when it is missing.
    /// </summary>
    public static bool RequireField(this ICheckContext context, BlockSymbol block, string field, Dimension dimension, string function, string? argument = null)
    {
        var type = context.FieldType(block, field);
        if (type is null)
        {
            context.Error(Codes.UnknownField, $"{function} needs {block.Describe()}.{field}, which is not set{HowToSet(field, argument)}");
            return false;
        }

        if (type is QuantityType q && q.Dimension != dimension)
        {
            context.Error(Codes.FieldDimension, $"{function} needs {block.Describe()}.{field} in {Describe(dimension)}, but it is {Describe(q.Dimension)}");
            return false;
        }

        return !type.IsError;
    }

    public static string Describe(Dimension dimension) => dimension.IsNone ? "a plain number" : dimension.ToString();

    public static StaticType Quantity(Dimension dimension) => new QuantityType(dimension);
}
