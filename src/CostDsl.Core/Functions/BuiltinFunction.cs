using System.Collections.Immutable;
using CostDsl.Diagnostics;
using CostDsl.Runtime;
using CostDsl.Semantics;

namespace CostDsl.Functions;

/// <summary>
/// A function every spec can call without an import, declared once: its parameters with their dimensions, the
/// dimension of its result as a rule over them, the block fields it reads, its documentation and its
/// implementation. The checker (<see cref="ResultType"/>), the evaluator (<see cref="Invoke"/>) and
/// grammar/library.md (LibraryDocs) all read this one declaration.
/// </summary>
public sealed class BuiltinFunction
{
    public required string Name { get; init; }

    /// <summary>What it computes, with the formula.</summary>
    public required string Summary { get; init; }

    /// <summary>Where the formula comes from.</summary>
    public string Source { get; init; } = string.Empty;

    public required ImmutableArray<FunctionParameter> Parameters { get; init; }

    /// <summary>The result's dimension, from the arguments'; its description is what grammar/library.md says it returns.</summary>
    public required ResultDimension Result { get; init; }

    /// <summary>The block fields it reads, checked at the call before it runs.</summary>
    public ImmutableArray<FieldRead> Reads { get; init; } = [];

    /// <summary>True for a distribution: a program that calls one is evaluated by Monte Carlo.</summary>
    public bool IsDistribution { get; init; }

    /// <summary>The last parameter repeats (<c>max(a, b, c)</c>); a single list argument is spread.</summary>
    /// <summary>
    /// Whether the result reads in the unit its first argument was written in (<c>max(a, 80 GB)</c>,
    /// <c>ceil_to(need, 80 GiB)</c>): what the tables and explain show it in (Semantics/WrittenUnits.cs).
    /// </summary>
    public bool KeepsWrittenUnit { get; init; }

    public bool Variadic { get; init; }

    /// <summary>
    /// The implementation: the result's magnitude, in the base units of <see cref="Result"/>'s dimension; arguments
    /// come in parameter order, defaults filled in, optional ones left out as <see cref="Absent"/>.
    /// </summary>
    public required Func<IReadOnlyList<Value>, ICallContext, Magnitude> Compute { get; init; }

    /// <summary>The dimension of the result, in words.</summary>
    public string Returns => Result.Description;

    public string Signature => $"{Name}({string.Join(", ", Parameters.Select(p => p.Signature))}{(Variadic ? ", ..." : string.Empty)})";

    /// <summary>
    /// The result's type, from the argument types (already checked against the parameters): every argument that must
    /// share another's dimension does, every field it reads is there, then <see cref="Result"/>. All are checked, so
    /// that one call reports every missing field at once.
    /// </summary>
    public StaticType ResultType(IReadOnlyList<StaticType> arguments, ICheckContext context)
    {
        var valid = Parameters.Select((p, i) => AgreesInDimension(p, i, arguments, context)).Aggregate(true, (all, ok) => all & ok);
        if (!valid)
        {
            return StaticType.Error;
        }

        valid = Reads.Aggregate(true, (all, read) => all & read.Check(Parameters, arguments, context, Name));
        return valid ? Result.Type(arguments, context, Name) : StaticType.Error;
    }

    /// <summary>Runs the call: the implementation's magnitude in the result's dimension.</summary>
    public Value Invoke(IReadOnlyList<Value> arguments, ICallContext context) => new Quantity(Compute(arguments, context), Result.Of(arguments));

    private bool AgreesInDimension(FunctionParameter parameter, int index, IReadOnlyList<StaticType> arguments, ICheckContext context)
    {
        if (parameter.SameDimensionAs is not { } other
            || arguments[index] is not QuantityType given
            || arguments[FieldRead.IndexOf(Parameters, other)] is not QuantityType expected
            || given.Dimension == expected.Dimension)
        {
            return true;
        }

        context.Error(Codes.ArgumentDimension, $"{Name} needs {parameter.Name} in the dimension of {other}, but {other} is {Arguments.Describe(expected.Dimension)} and {parameter.Name} is {Arguments.Describe(given.Dimension)}");
        return false;
    }
}
