using CostDsl.Semantics;
using CostDsl.Syntax;

namespace CostDsl.Tooling.Explaining;

/// <summary>Something an expression rests on directly: one step further down a derivation.</summary>
public abstract record Dependency;

public sealed record LetDependency(LetSymbol Let) : Dependency;

/// <summary>A field of a block; <see cref="Block"/> is the block it is read from, which may inherit it.</summary>
public sealed record FieldDependency(BlockSymbol Block, string Field) : Dependency;

/// <summary>A call outside a function body: a step whose value can be shown.</summary>
public sealed record CallDependency(CallExpr Call, BlockSymbol? Self) : Dependency;

public sealed record LiteralDependency(Expr Literal) : Dependency;

/// <summary>A unit declared outside the prelude with a definition: an exchange rate is an assumption too.</summary>
public sealed record UnitDependency(UnitSymbol Unit) : Dependency;

/// <summary>A block passed whole to a function.</summary>
public sealed record BlockDependency(BlockSymbol Block) : Dependency;
