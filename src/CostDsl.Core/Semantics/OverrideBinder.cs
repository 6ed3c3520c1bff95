using CostDsl.Diagnostics;
using CostDsl.Syntax;

namespace CostDsl.Semantics;

/// <summary>
/// The binding stage of overrides: every <see cref="Override"/> (<c>--set</c>, a scenario's setting, a
/// <c>sweep</c>, <c>--sweep</c>) is resolved here to the let or <c>Block.field</c> it names, or reported
/// when it names none. A value takes its target's place in the namespace; a sweep stays an axis that
/// the checker checks and the evaluator lays out. The order is kept: a scenario's settings come before
/// <c>--set</c> (so --set can still change one of them), sweeps outermost first.
/// </summary>
/// <remarks>
/// Two steps because a field override needs the block's fields with those it inherits: values bind
/// before blocks are completed (<see cref="BindValues"/>, then <see cref="ApplyToFields"/> from
/// ProgramAssembler's completion of each block), sweeps after (<see cref="BindSweeps"/>).
/// </remarks>
internal sealed class OverrideBinder(Dictionary<string, Symbol> values, DiagnosticBag diagnostics)
{
    private readonly Dictionary<BlockSymbol, List<Override>> fieldOverrides = [];
    private readonly List<BoundOverride> bound = [];

    /// <summary>Every override with its target, in the order bound.</summary>
    public IReadOnlyList<BoundOverride> Bound => bound;

    public void BindValues(IEnumerable<Override> overrides)
    {
        foreach (var change in overrides)
        {
            if (change.Replacement is not ValueReplacement { Value: var value })
            {
                continue;
            }

            var target = values.GetValueOrDefault(change.Path[0]);
            if (change.Path.Length == 1 && target is LetSymbol let)
            {
                var replaced = let.WithValue(value);
                values[let.Name] = replaced;
                bound.Add(new BoundOverride(change, replaced, null, null));
            }
            else if (change.Path.Length == 2 && target is BlockSymbol block)
            {
                if (!fieldOverrides.TryGetValue(block, out var list))
                {
                    fieldOverrides[block] = list = [];
                }

                list.Add(change);
            }
            else
            {
                diagnostics.Error(Codes.BadOverride, Advice.CommandLineArgument.Locate(change.Span), $"cannot set {change.PathText}: no let or Block.field of that name{NameSuggestions.Hint(change.PathText, KnownPaths(completed: false))}");
            }
        }
    }

    /// <summary>Whether an override sets a field of <paramref name="block"/> (one it declares or inherits).</summary>
    public bool SetsFieldsOf(BlockSymbol block) => fieldOverrides.ContainsKey(block);

    /// <summary>Moves the field overrides bound to <paramref name="old"/> to <paramref name="fresh"/>, the program's own symbol of the same block.</summary>
    public void Replaced(BlockSymbol old, BlockSymbol fresh)
    {
        if (fieldOverrides.Remove(old, out var list))
        {
            fieldOverrides[fresh] = list;
        }
    }

    /// <summary>Puts the field overrides of <paramref name="block"/> into its merged fields (its own and those it inherits).</summary>
    public void ApplyToFields(BlockSymbol block, List<FieldSymbol> merged)
    {
        foreach (var change in fieldOverrides.GetValueOrDefault(block) ?? [])
        {
            // A typo must not add a field nobody reads: --set names a field the block has.
            var index = merged.FindIndex(f => f.Name == change.Path[1]);
            if (index >= 0)
            {
                var value = ((ValueReplacement)change.Replacement).Value;
                merged[index] = new FieldSymbol(change.Path[1], change.Span, value, block) { Replaced = merged[index].Value };
                bound.Add(new BoundOverride(change, null, block, merged[index]));
            }
            else
            {
                var known = merged.Select(f => $"{block.Name}.{f.Name}");
                diagnostics.Error(Codes.BadOverride, Advice.CommandLineArgument.Locate(change.Span), $"cannot set {change.PathText}: {block.Describe()} has no field '{change.Path[1]}'{NameSuggestions.Hint(change.PathText, known)}");
            }
        }
    }

    /// <summary>Binds each sweep to its let or field, once the blocks are complete; one that names neither is reported and kept unbound, so its values are still checked.</summary>
    public void BindSweeps(IEnumerable<Override> overrides)
    {
        foreach (var change in overrides)
        {
            if (change.Replacement is not SweepReplacement { Sweep: var sweep })
            {
                continue;
            }

            var symbol = values.GetValueOrDefault(change.Path[0]);
            if (change.Path.Length == 1 && symbol is LetSymbol let)
            {
                bound.Add(new BoundOverride(change, let, null, null));
            }
            else if (change.Path.Length == 2 && symbol is BlockSymbol block && block.Field(change.Path[1]) is { } field)
            {
                bound.Add(new BoundOverride(change, null, block, field));
            }
            else
            {
                var argument = Advice.CommandLineArgument.IsArgument(sweep.PathSpan.File) ? "--" : string.Empty;
                diagnostics.Error(Codes.UnknownName, Advice.CommandLineArgument.Locate(sweep.PathSpan), $"{argument}sweep {sweep.PathText}: no let or Block.field of that name{NameSuggestions.Hint(sweep.PathText, KnownPaths(completed: true))}");
                bound.Add(new BoundOverride(change, null, null, null));
            }
        }
    }

    /// <summary>The paths an override may name, for "did you mean": a block's own fields until blocks are completed, then with those it inherits.</summary>
    private IEnumerable<string> KnownPaths(bool completed) =>
        values.Values.OfType<LetSymbol>().Select(l => l.Name)
            .Concat(values.Values.OfType<BlockSymbol>().SelectMany(b => completed ? b.Fields.Select(f => $"{b.Name}.{f.Name}") : b.Decl.Fields.Select(f => $"{b.Name}.{f.Name}")));
}
