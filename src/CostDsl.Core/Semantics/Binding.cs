using System.Collections.Immutable;
using CostDsl.Functions;
using CostDsl.Units;

namespace CostDsl.Semantics;

/// <summary>What a name or call in the source refers to, decided once by the checker.</summary>
public abstract record Binding;

public sealed record LetBinding(LetSymbol Let) : Binding;

public sealed record BlockBinding(BlockSymbol Block) : Binding;

/// <summary>A unit used as a value: <c>x * GB</c>; <see cref="Symbol"/> is the declared unit it names (none for a prefixed name).</summary>
public sealed record UnitBinding(Unit Unit, UnitSymbol? Symbol = null) : Binding;

public sealed record ParameterBinding(int Index) : Binding;

/// <summary>A bare name inside a block: the field of the block being evaluated (late bound, so <c>extends</c> can override it).</summary>
public sealed record SelfFieldBinding(string Field) : Binding;

/// <summary>
/// A call, with its arguments put in parameter order: <see cref="ArgumentOrder"/>[p] is the index of
/// the argument for parameter p, or -1 where the parameter's default applies.
/// </summary>
public sealed record CallBinding(FnSymbol? User, BuiltinFunction? Builtin, ImmutableArray<int> ArgumentOrder) : Binding
{
    public bool Equals(CallBinding? other) =>
        other is not null && User == other.User && Builtin == other.Builtin && ArgumentOrder.SequenceEqual(other.ArgumentOrder);

    public override int GetHashCode() => HashCode.Combine(User, Builtin);
}
