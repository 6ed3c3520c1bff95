using CostDsl.Syntax;
using CostDsl.Units;

namespace CostDsl.Semantics;

/// <summary>What the checker knows of a value before it is computed.</summary>
public abstract record StaticType
{
    public static readonly StaticType Error = new ErrorType();
    public static readonly StaticType Truth = new TruthType();
    public static readonly StaticType Number = new QuantityType(Dimension.None);
    public static readonly StaticType Absent = new AbsentType();

    /// <summary>True for <see cref="ErrorType"/>: an error was already reported, so checks on it stay quiet.</summary>
    public bool IsError => this is ErrorType;
}

public sealed record QuantityType(Dimension Dimension) : StaticType;

public sealed record TruthType : StaticType;

public sealed record BlockType(BlockSymbol Block) : StaticType
{
    public BlockKind Kind => Block.Kind;
}

public sealed record ListType(StaticType Element) : StaticType;

public sealed record ErrorType : StaticType;

/// <summary>An optional argument that was left out: the function decides what that means.</summary>
public sealed record AbsentType : StaticType;
