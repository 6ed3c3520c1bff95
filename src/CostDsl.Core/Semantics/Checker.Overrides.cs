using CostDsl.Advice;
using CostDsl.Diagnostics;
using CostDsl.Syntax;
using CostDsl.Units;

namespace CostDsl.Semantics;

/// <summary>
/// Overrides, every kind in one place (bound to their targets by <see cref="OverrideBinder"/>): a value
/// (<c>--set</c>, a scenario's setting) must keep its target's dimension (CD0801, said at the setting);
/// a sweep's values must have its target's type, and a sweep over blocks must name blocks that can stand
/// where the let's block stands (Checker.BlockSweeps.cs, CD0701/CD0702).
/// </summary>
public sealed partial class Checker
{
    /// <summary>
    /// The type of a let's or field's value <paramref name="value"/>, in <paramref name="scope"/>: when it
    /// replaced the spec's <paramref name="replaced"/> in another dimension, the error type, said at the setting.
    /// </summary>
    // Nearly every declaration is not overridden: then there is nothing to compare, and no delegates are made for it.
    private StaticType Replacing(string name, Expr? replaced, Expr value, Scope scope) => replaced is null
        ? CheckTop(value, scope)
        : OverrideDimensions.Check(name, replaced, (value, CheckTop(value, scope)), e => CheckTop(e, scope), Describe, diagnostics);

    private List<CheckedSweep> CheckSweeps()
    {
        var sweeps = new List<CheckedSweep>();
        foreach (var bound in model.Overrides)
        {
            if (bound.Override.Replacement is not SweepReplacement { Sweep: var sweep })
            {
                continue;
            }

            var values = CheckTop(sweep.Values, Scope.Global);
            CheckedSweep target;
            if (bound.Let is { } let)
            {
                target = new CheckedSweep(sweep, let, null, null, TypeOfLet(let));
            }
            else if (bound is { Block: { } block, Field: { } field })
            {
                target = new CheckedSweep(sweep, null, block, field, TypeOfField(block, field.Name, sweep.PathSpan));
            }
            else
            {
                // Names nothing: the binder said so; its values are checked all the same.
                continue;
            }

            if (sweeps.Any(s => s.Path == target.Path))
            {
                diagnostics.Error(Codes.DuplicateName, sweep.PathSpan, $"{sweep.PathText} is swept twice");
                continue;
            }

            if (sweep.Values.Items.Length == 0)
            {
                diagnostics.Error(Codes.SyntaxError, sweep.Values.Span, $"sweep {sweep.PathText} needs at least one value");
                continue;
            }

            if (values is ListType list && !target.Type.IsError && !list.Element.IsError && !SameType(target.Type, list.Element))
            {
                diagnostics.Error(Codes.DimensionMismatch, sweep.Values.Span, $"sweep {sweep.PathText} is {Describe(target.Type)}, but its values are {Describe(list.Element)}");
                continue;
            }

            if (target.Type is BlockType declared && values is ListType { Element: BlockType })
            {
                if (CheckBlockSweep(target, declared) is { } blocks)
                {
                    sweeps.Add(blocks);
                }

                continue;
            }

            var type = values is ListType { Element: var element } ? element : target.Type;
            sweeps.Add(WithUnits(target with { Type = type, Constants = FoldConstants(sweep.Values) }));
        }

        return sweeps;
    }

    private double[]? FoldConstants(ListExpr list)
    {
        var values = new double[list.Items.Length];
        for (var i = 0; i < values.Length; i++)
        {
            switch (list.Items[i])
            {
                case NumberExpr n:
                    values[i] = n.Value;
                    break;
                case QuantityExpr q when unitSyntax.TryGetValue(q.Unit, out var unit):
                    values[i] = q.Number.Value * unit.Scale;
                    break;
                default:
                    return null;
            }
        }

        return values;
    }

    /// <summary>The axis's dimension and the unit its first value was written in (<c>[1 GB, 2 GB]</c> shows in GB), for the evaluator to read.</summary>
    private CheckedSweep WithUnits(CheckedSweep sweep)
    {
        var first = sweep.Decl.Values.Items[0];
        var dimension = (sweep.Type as QuantityType)?.Dimension ?? Dimension.None;
        var written = first switch
        {
            QuantityExpr q => q.Unit,
            ConvertExpr c => c.Unit,
            _ => null,
        };
        return sweep with
        {
            Dimension = dimension,
            DisplayUnit = written is null ? null : unitSyntax.GetValueOrDefault(written),
            UnitText = written?.Text,
            WrittenUnit = new WrittenUnits(bindings, unitSyntax).Of(first, dimension),
        };
    }
}
