namespace CostDsl.Semantics;

/// <summary>A declared thing a let, field or function reads directly, as the checker bound it (<see cref="DeclarationDependencies"/>).</summary>
public abstract record Reference
{
    /// <summary>
    /// What a name bound as <paramref name="binding"/> reads, with <paramref name="self"/> the block a bare field name is
    /// read from; null for a name that reads nothing declared (a parameter, a prefixed or built-in unit). The one reading
    /// of a name's binding as a dependency: the checker's map and explain's steps both use it.
    /// </summary>
    public static Reference? OfName(Binding? binding, BlockSymbol? self) => binding switch
    {
        LetBinding l => new LetReference(l.Let),
        SelfFieldBinding f when self is not null => new FieldReference(self, f.Field),
        BlockBinding b => new BlockReference(b.Block),
        UnitBinding { Symbol: { } unit } => new UnitReference(unit),
        _ => null,
    };
}

public sealed record LetReference(LetSymbol Let) : Reference;

/// <summary>A field read through <see cref="Block"/>, which may inherit it (so <c>extends</c> can override it).</summary>
public sealed record FieldReference(BlockSymbol Block, string Field) : Reference;

/// <summary>A block used whole (passed to a function, which may read any of its fields).</summary>
public sealed record BlockReference(BlockSymbol Block) : Reference;

/// <summary>A declared unit named in a value, after a number or after <c>in</c> (prefixed names are not declared units).</summary>
public sealed record UnitReference(UnitSymbol Unit) : Reference;

/// <summary>A user function called.</summary>
public sealed record FunctionReference(FnSymbol Function) : Reference;
