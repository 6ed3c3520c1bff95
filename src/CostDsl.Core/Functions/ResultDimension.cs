using CostDsl.Diagnostics;
using CostDsl.Runtime;
using CostDsl.Semantics;
using CostDsl.Units;

namespace CostDsl.Functions;

/// <summary>
/// The dimension of a built-in function's result as a function of its arguments' dimensions. One rule serves the
/// checker (the static type), the evaluator (the unit of the magnitude the implementation computes) and
/// grammar/library.md (<see cref="Description"/>), so the three cannot disagree.
/// </summary>
public abstract record ResultDimension(string Description)
{
    /// <summary>Always <paramref name="dimension"/> (FLOP, s, a plain number).</summary>
    public static ResultDimension Fixed(Dimension dimension, string description) => new FixedDimension(dimension, description);

    /// <summary>The dimension of the first argument (abs, mean, a distribution).</summary>
    public static ResultDimension OfFirstArgument(string description) => new FirstArgumentDimension(description);

    /// <summary>The square root of the first argument's dimension; an odd power in it is an error at the call.</summary>
    public static ResultDimension SquareRootOfFirstArgument(string description) => new SquareRootDimension(description);

    /// <summary>The static type of the result, the arguments' types already checked against the parameters.</summary>
    internal abstract StaticType Type(IReadOnlyList<StaticType> arguments, ICheckContext context, string function);

    /// <summary>The dimension of the result of a call with these (checked) arguments.</summary>
    internal abstract Dimension Of(IReadOnlyList<Value> arguments);

    private sealed record FixedDimension(Dimension Dimension, string Description) : ResultDimension(Description)
    {
        internal override StaticType Type(IReadOnlyList<StaticType> arguments, ICheckContext context, string function) => new QuantityType(Dimension);

        internal override Dimension Of(IReadOnlyList<Value> arguments) => Dimension;
    }

    private sealed record FirstArgumentDimension(string Description) : ResultDimension(Description)
    {
        internal override StaticType Type(IReadOnlyList<StaticType> arguments, ICheckContext context, string function) =>
            arguments.Count == 0 ? StaticType.Error : arguments[0];

        internal override Dimension Of(IReadOnlyList<Value> arguments) => ((Quantity)arguments[0]).Dimension;
    }

    private sealed record SquareRootDimension(string Description) : ResultDimension(Description)
    {
        internal override StaticType Type(IReadOnlyList<StaticType> arguments, ICheckContext context, string function)
        {
            if (arguments[0] is not QuantityType q)
            {
                return arguments[0];
            }

            if (q.Dimension.Root(2) is { } root)
            {
                return new QuantityType(root);
            }

            context.Error(Codes.ArgumentDimension, $"{function} of {q.Dimension} has no unit: its powers are not all even");
            return StaticType.Error;
        }

        internal override Dimension Of(IReadOnlyList<Value> arguments) => ((Quantity)arguments[0]).Dimension.Root(2) ?? Dimension.None;
    }
}
