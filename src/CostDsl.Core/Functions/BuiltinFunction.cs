using System.Collections.Immutable;
using CostDsl.Runtime;
using CostDsl.Semantics;

namespace CostDsl.Functions;

/// <summary>
/// A function every spec can call without an import. Its documentation states the formula, the
/// units and the source; grammar/library.md is generated from these fields.
/// </summary>
public sealed class BuiltinFunction
{
    public required string Name { get; init; }

    /// <summary>What it computes, with the formula.</summary>
    public required string Summary { get; init; }

    /// <summary>Where the formula comes from.</summary>
    public string Source { get; init; } = string.Empty;

    /// <summary>The dimension of the result, in words.</summary>
    public required string Returns { get; init; }

    public required ImmutableArray<FunctionParameter> Parameters { get; init; }

    /// <summary>True for a distribution: a program that calls one is evaluated by Monte Carlo.</summary>
    public bool IsDistribution { get; init; }

    /// <summary>The last parameter repeats (<c>max(a, b, c)</c>); a single list argument is spread.</summary>
    public bool Variadic { get; init; }

    /// <summary>The result's type, from the argument types (already checked against the parameters).</summary>
    public required Func<IReadOnlyList<StaticType>, ICheckContext, StaticType> ResultType { get; init; }

    /// <summary>Computes the result; arguments come in parameter order, defaults filled in.</summary>
    public required Func<IReadOnlyList<Value>, ICallContext, Value> Invoke { get; init; }

    public string Signature => $"{Name}({string.Join(", ", Parameters.Select(p => p.Signature))}{(Variadic ? ", ..." : string.Empty)})";
}
