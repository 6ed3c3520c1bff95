using CostDsl.Syntax;

namespace CostDsl.Semantics;

/// <summary>
/// A checked sweep: the let, or the field of a block (and of the blocks that inherit it from there),
/// whose value runs through the listed values. Several sweeps form a grid, the first the outermost.
/// </summary>
public sealed record CheckedSweep(SweepDecl Decl, LetSymbol? Let, BlockSymbol? Block, FieldSymbol? Field, StaticType Type)
{
    public string Path => Decl.PathText;

    public int Count => Decl.Values.Items.Length;
}
