using System.Collections.Immutable;
using CostDsl.Syntax;

namespace CostDsl.Semantics;

/// <summary>
/// A checked sweep: the let, or the field of a block (and of the blocks that inherit it from there),
/// whose value runs through the listed values. Several sweeps form a grid, the first the outermost.
/// </summary>
public sealed record CheckedSweep(SweepDecl Decl, LetSymbol? Let, BlockSymbol? Block, FieldSymbol? Field, StaticType Type)
{
    /// <summary>
    /// The values in base units when every one is a literal (the usual case), folded once by the
    /// checker into one array: a sweep may list a million values, and reading them back from the
    /// syntax tree on every run would cost more than the run. Null when some value is an expression.
    /// </summary>
    public double[]? Constants { get; init; }

    /// <summary>
    /// The blocks of a sweep over blocks (<c>let hw = H100_SXM</c>, <c>sweep hw in [L4, H100_SXM]</c>), in
    /// the order written; default for a sweep over numbers. The evaluator runs its values as an outer loop
    /// (Runtime/BlockGrid.cs), each with the numeric grid inside.
    /// </summary>
    public ImmutableArray<BlockSymbol> Blocks { get; init; }

    public bool IsBlocks => !Blocks.IsDefault;

    /// <summary>The dimension of the values (none for a sweep over blocks).</summary>
    public Units.Dimension Dimension { get; init; } = Units.Dimension.None;

    /// <summary>The unit the first value was written in (after a number or <c>in</c>) and its text: the axis's unit in the JSON.</summary>
    public Units.Unit? DisplayUnit { get; init; }

    public string? UnitText { get; init; }

    /// <summary>The unit the first value was written in by the <see cref="WrittenUnits"/> rule, for people.</summary>
    public Units.Unit? WrittenUnit { get; init; }

    public string Path => Decl.PathText;

    public int Count => Decl.Values.Items.Length;
}
