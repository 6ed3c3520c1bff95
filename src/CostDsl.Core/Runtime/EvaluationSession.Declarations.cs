using CostDsl.Diagnostics;
using CostDsl.Functions;
using CostDsl.Semantics;
using CostDsl.Syntax;
using CostDsl.Text;

namespace CostDsl.Runtime;

/// <summary>Lets, fields and sweeps: each computed once (memoized, with the cycle check), a swept one laid out over the grid.</summary>
public sealed partial class EvaluationSession
{
    private Value LetValue(LetSymbol let) =>
        sweptLets.TryGetValue(let, out var swept) ? swept
        : erroneous?.Contains(let) == true ? throw new EvaluationError(null)
        : Memo(lets, let, let, let.Name, (Session: this, Let: let), static s => s.Session.Eval(s.Let.Value, Frame.Global));

    /// <summary>
    /// Evaluates each sweep's values (exact numbers) and lays them out as vectors over the grid's
    /// points, first axis outermost; a swept let or field then yields its vector.
    /// </summary>
    private bool PrepareSweeps()
    {
        var stride = gridPoints;
        foreach (var sweep in program.Sweeps.Where(s => !s.IsBlocks))
        {
            stride /= sweep.Count;
            var items = sweep.Decl.Values.Items;
            var dimension = sweep.Dimension;
            var values = sweep.Constants;
            if (values is null)
            {
                values = new double[items.Length];
                for (var i = 0; i < items.Length; i++)
                {
                    if (Guarded(items[i].Span, () => Eval(items[i], Frame.Global)) is not Quantity { Magnitude.IsExact: true } value)
                    {
                        diagnostics.Error(Codes.BadDistribution, items[i].Span, $"the values of sweep {sweep.Path} must be exact numbers");
                        return false;
                    }

                    values[i] = value.Magnitude.Value;
                }
            }

            // Folded constants skip the operators' checks: 1e308 GB is past a double in bytes (found by the fuzz harness).
            if (Array.FindIndex(values, v => !double.IsFinite(v)) is >= 0 and var overflowing)
            {
                diagnostics.Error(Codes.Overflow, items[overflowing].Span, $"overflow: this value of sweep {sweep.Path} is beyond the range of a double (about 1.8e308)");
                return false;
            }

            // One sweep and no samples: the swept vector is the values themselves (both are read-only).
            double[] vector;
            if (Layout.Samples == 1 && stride == 1 && values.Length == Layout.Points)
            {
                vector = values;
            }
            else
            {
                vector = new double[Layout.Length];
                for (var point = 0; point < Layout.Points; point++)
                {
                    vector.AsSpan(point * Layout.Samples, Layout.Samples).Fill(values[(firstPoint + point) / stride % values.Length]);
                }
            }

            var swept = new Quantity(Layout.Length == 1 ? Magnitude.Exact(vector[0]) : Magnitude.Sampled(vector), dimension);
            if (sweep.Let is { } let)
            {
                sweptLets[let] = swept;
            }
            else
            {
                sweptFields.Add((sweep.Block!, sweep.Field!, swept));
            }

            axes.Add(new SweepAxis(sweep.Path, values, dimension, sweep.DisplayUnit, sweep.UnitText) { WrittenUnit = sweep.WrittenUnit });
        }

        return true;
    }

    /// <summary>A swept field: the block named in the sweep, or one that inherits that very field from it.</summary>
    private Value? SweptField(BlockSymbol block, FieldSymbol field)
    {
        foreach (var (target, sweptField, value) in sweptFields)
        {
            if (ReferenceEquals(field, sweptField))
            {
                for (var b = block; b is not null; b = b.Base)
                {
                    if (b == target)
                    {
                        return value;
                    }
                }
            }
        }

        return null;
    }

    public Value? FieldValueOrNull(BlockSymbol block, string name) => block.Field(name) is null ? null : FieldValue(block, name);

    private Value FieldValue(BlockSymbol block, string name)
    {
        var field = block.Field(name) ?? throw Fail(Codes.UnknownField, block.NameSpan, $"{block.Describe()} has no field '{name}'");
        if (sweptFields.Count > 0 && SweptField(block, field) is { } swept)
        {
            return swept;
        }

        if (erroneous?.Contains(block, field) == true)
        {
            throw new EvaluationError(null);
        }

        // Asked before the memo's name is formatted: a field read by many formulas is evaluated once.
        if (fields.TryGetValue((block, name), out var known))
        {
            return known ?? throw new EvaluationError(null);
        }

        return Memo(fields, (block, name), (block, name), $"{block.Name}.{name}", (Session: this, Field: field, Block: block), static s => s.Session.Eval(s.Field.Value, new Frame([], s.Block, null)));
    }

    // The state is passed in, so that a static lambda makes no closure: lets are asked for once per name that reads them.
    private Value Memo<TKey, TState>(Dictionary<TKey, Value?> memo, TKey key, object marker, string name, TState state, Func<TState, Value> compute)
        where TKey : notnull
    {
        if (memo.TryGetValue(key, out var known))
        {
            return known ?? throw new EvaluationError(null);
        }

        if (!inProgress.TryEnter(marker, out _))
        {
            // The checker rejects cycles; this guards the evaluator should one slip through.
            throw new EvaluationError(new Diagnostic(Severity.Error, Codes.DefinitionCycle, "definitions depend on each other in a cycle", null));
        }

        computing.Add(name);
        try
        {
            var value = compute(state);
            memo[key] = value;
            return value;
        }
        catch (EvaluationError)
        {
            memo[key] = null;
            throw;
        }
        finally
        {
            inProgress.Exit();
            computing.RemoveAt(computing.Count - 1);
        }
    }
}
