using System.Collections.Immutable;
using CostDsl.Syntax;
using CostDsl.Text;

namespace CostDsl.Semantics;

/// <summary>
/// One override: a let or <c>Block.field</c> given a replacement, whoever wrote it. <c>--set</c>, a
/// scenario's setting, a <c>sweep</c> in the spec and <c>--sweep</c> are all this one record, bound to
/// their target by one stage (<see cref="OverrideBinder"/>) and checked by the checker in one place
/// (Checker.Overrides.cs), so that the evaluator only reads the result.
/// </summary>
/// <param name="Path">The let, or the block and its field.</param>
/// <param name="PathSpan">Where the path is written (a sweep's unknown path is reported there).</param>
/// <param name="Replacement">What takes the target's place.</param>
/// <param name="Span">The whole setting: for <c>--set</c> its argument, for a scenario its line.</param>
public sealed record Override(ImmutableArray<string> Path, SourceSpan PathSpan, Replacement Replacement, SourceSpan Span)
{
    /// <summary>A value for the target (<c>--set</c> or a scenario's setting).</summary>
    public Override(ImmutableArray<string> path, Expr value, SourceSpan span)
        : this(path, span, new ValueReplacement(value), span)
    {
    }

    /// <summary>A sweep of the target (<c>sweep PATH in [...]</c> in the spec, or <c>--sweep</c>).</summary>
    public Override(SweepDecl sweep)
        : this(sweep.Path, sweep.PathSpan, new SweepReplacement(sweep), sweep.Span)
    {
    }

    /// <summary>Who wrote it: explain shows a command-line setting as such, a scenario's or the spec's as part of the spec.</summary>
    public OverrideOrigin Origin { get; init; } = OverrideOrigin.CommandLine;

    public string PathText => string.Join('.', Path);
}

/// <summary>Where an <see cref="Override"/> was written.</summary>
public enum OverrideOrigin
{
    /// <summary><c>--set</c> or <c>--sweep</c>.</summary>
    CommandLine,

    /// <summary>A setting of the scenario chosen with <c>--scenario</c>.</summary>
    Scenario,

    /// <summary>A <c>sweep</c> declaration in the root spec.</summary>
    Spec,
}

/// <summary>What an <see cref="Override"/> puts in its target's place: a closed set, matched exhaustively.</summary>
public abstract record Replacement;

/// <summary>One value: the target reads this expression instead of its own.</summary>
public sealed record ValueReplacement(Expr Value) : Replacement;

/// <summary>A grid axis: the target runs through the sweep's values, one grid point each.</summary>
public sealed record SweepReplacement(SweepDecl Sweep) : Replacement;

/// <summary>
/// An override with its target resolved: a let, or a block and the field it has (its own or inherited);
/// both null when the path names nothing (already reported by the binder).
/// </summary>
public sealed record BoundOverride(Override Override, LetSymbol? Let, BlockSymbol? Block, FieldSymbol? Field)
{
    public bool IsBound => Let is not null || Field is not null;
}
