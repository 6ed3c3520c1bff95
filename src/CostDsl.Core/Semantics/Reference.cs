namespace CostDsl.Semantics;

/// <summary>A declared thing a let, field or function reads directly, as the checker bound it (<see cref="DeclarationDependencies"/>).</summary>
public abstract record Reference;

public sealed record LetReference(LetSymbol Let) : Reference;

/// <summary>A field read through <see cref="Block"/>, which may inherit it (so <c>extends</c> can override it).</summary>
public sealed record FieldReference(BlockSymbol Block, string Field) : Reference;

/// <summary>A block used whole (passed to a function, which may read any of its fields).</summary>
public sealed record BlockReference(BlockSymbol Block) : Reference;

/// <summary>A declared unit named in a value, after a number or after <c>in</c> (prefixed names are not declared units).</summary>
public sealed record UnitReference(UnitSymbol Unit) : Reference;

/// <summary>A user function called.</summary>
public sealed record FunctionReference(FnSymbol Function) : Reference;
