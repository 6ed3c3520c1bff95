using System.Collections.Immutable;
using CostDsl.Semantics;
using CostDsl.Units;

namespace CostDsl.Runtime;

/// <summary>A runtime value. Immutable.</summary>
public abstract record Value;

/// <summary>A number with a dimension, held in base units (GB as 1e9 B).</summary>
public sealed record Quantity(Magnitude Magnitude, Dimension Dimension) : Value
{
    public static Quantity Exact(double value, Dimension dimension) => new(Magnitude.Exact(value), dimension);

    public static Quantity Dimensionless(double value) => Exact(value, Dimension.None);
}

/// <summary>A truth value; per sample (1 or 0) when it was computed from uncertain values.</summary>
public sealed record Truth(Magnitude Magnitude) : Value
{
    public static Truth Of(bool value) => new(Magnitude.Exact(value ? 1 : 0));

    /// <summary>The share of samples that are true: 1 or 0 for an exact truth.</summary>
    public double Probability => Magnitude.Mean;
}

/// <summary>An optional argument left out of a call: the function decides what that means.</summary>
public sealed record Absent : Value
{
    public static readonly Absent Instance = new();
}

/// <summary>A hardware, model or workload block, passed to functions whole.</summary>
public sealed record BlockValue(BlockSymbol Block) : Value;

public sealed record ListValue(ImmutableArray<Value> Items) : Value
{
    public bool Equals(ListValue? other) => other is not null && Items.SequenceEqual(other.Items);

    public override int GetHashCode() => Items.Length;
}
