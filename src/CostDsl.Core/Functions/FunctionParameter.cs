using CostDsl.Runtime;
using CostDsl.Syntax;
using CostDsl.Units;

namespace CostDsl.Functions;

/// <summary>
/// A parameter of a built-in function: a quantity of a given dimension (any dimension when null),
/// or a block of a given kind. A parameter with a default may be left out, and so may an
/// <see cref="Optional"/> one, which then arrives as <see cref="Absent"/> (check time: <see cref="Semantics.AbsentType"/>).
/// A parameter <see cref="SameDimensionAs"/> another takes any dimension, so long as it is that one's (the sd of a normal, in
/// the unit of its mean).
/// </summary>
public sealed record FunctionParameter(
    string Name,
    string Description,
    Dimension? Dimension = null,
    BlockKind? Block = null,
    Quantity? Default = null,
    bool Optional = false,
    bool Condition = false,
    string? SameDimensionAs = null)
{
    public bool IsBlock => Block is not null;

    public bool MayBeLeftOut => Default is not null || Optional;

    /// <summary>How the parameter is shown in documentation: "tokens: token".</summary>
    public string Signature =>
        Block is { } kind ? $"{Name}: {kind.ToString().ToLowerInvariant()}"
        : Dimension is null ? $"{Name}: any"
        : $"{Name}: {(Dimension.IsNone ? "number" : Dimension.ToString())}";
}
