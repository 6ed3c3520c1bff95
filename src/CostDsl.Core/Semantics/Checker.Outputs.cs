using CostDsl.Diagnostics;
using CostDsl.Functions;
using CostDsl.Syntax;
using CostDsl.Units;

namespace CostDsl.Semantics;

/// <summary>Outputs and sweeps: what the JSON shows, in which unit, and the grid a sweep spans.</summary>
public sealed partial class Checker
{
    private List<CheckedOutput> CheckOutputs()
    {
        var outputs = new List<CheckedOutput>();
        var declared = model.RootTree.OfType<OutputDecl>().ToList();
        if (declared.Count == 0)
        {
            // Without any output, every let of the root file is one.
            foreach (var decl in model.RootTree.OfType<LetDecl>())
            {
                if (model.Values.GetValueOrDefault(decl.Name) is LetSymbol { Decl: LetDecl own } let && own == decl)
                {
                    var converted = let.Value as ConvertExpr;
                    outputs.Add(new CheckedOutput(let.Name, decl.NameSpan, let, converted is null ? null : unitSyntax.GetValueOrDefault(converted.Unit), converted?.Unit.Text, TypeOfLet(let)));
                }
            }

            return outputs;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var output in declared)
        {
            if (model.Values.GetValueOrDefault(output.Name) is not LetSymbol symbol || (output.Value is not null && symbol.Decl != output))
            {
                if (output.Value is null)
                {
                    diagnostics.Error(Codes.OutputNotFound, output.NameSpan, $"output {output.Name} names no let; write 'output {output.Name} = expression'{NameSuggestions.Hint(output.Name, model.Lets.Select(l => l.Name))}");
                }

                // Otherwise the name is taken by another declaration, reported as a duplicate.
                continue;
            }

            var type = TypeOfLet(symbol);
            var unitText = (symbol.Value as ConvertExpr)?.Unit.Text;
            var unit = symbol.Value is ConvertExpr c ? unitSyntax.GetValueOrDefault(c.Unit) : null;
            if (output.Unit is { } wanted)
            {
                unit = ResolveUnitSyntax(wanted);
                unitText = wanted.Text;
                if (unit is not null && type is QuantityType q && q.Dimension != unit.Dimension)
                {
                    diagnostics.Error(Codes.ConversionMismatch, wanted.Span, $"cannot convert {Describe(symbol.Value, type)} to {wanted.Text} ({Arguments.Describe(unit.Dimension)})");
                }
            }

            if (type is BlockType or ListType)
            {
                diagnostics.Error(Codes.TypeMismatch, output.NameSpan, $"output {output.Name} is {Describe(type)}; an output must be a number or a condition");
                continue;
            }

            if (!names.Add(output.Name))
            {
                diagnostics.Error(Codes.DuplicateName, output.NameSpan, $"output {output.Name} is declared twice");
                continue;
            }

            outputs.Add(new CheckedOutput(output.Name, output.NameSpan, symbol, unit, unitText, type));
        }

        return outputs;
    }

    private List<CheckedSweep> CheckSweeps(IReadOnlyList<SweepDecl> extraSweeps)
    {
        var sweeps = new List<CheckedSweep>();
        foreach (var sweep in model.RootTree.OfType<SweepDecl>().Concat(extraSweeps))
        {
            var values = CheckTop(sweep.Values, Scope.Global);
            var symbol = model.Values.GetValueOrDefault(sweep.Path[0]);
            CheckedSweep? target = null;
            if (sweep.Path.Length == 1 && symbol is LetSymbol let)
            {
                target = new CheckedSweep(sweep, let, null, null, TypeOfLet(let));
            }
            else if (sweep.Path.Length == 2 && symbol is BlockSymbol block && block.Field(sweep.Path[1]) is { } field)
            {
                target = new CheckedSweep(sweep, null, block, field, TypeOfField(block, field.Name, sweep.PathSpan));
            }
            else
            {
                var known = model.Lets.Select(l => l.Name).Concat(model.Blocks.SelectMany(b => b.Fields.Select(f => $"{b.Name}.{f.Name}")));
                diagnostics.Error(Codes.UnknownName, Advice.CommandLineArgument.Locate(sweep.PathSpan), $"{(Advice.CommandLineArgument.IsArgument(sweep.PathSpan.File) ? "--" : string.Empty)}sweep {sweep.PathText}: no let or Block.field of that name{NameSuggestions.Hint(sweep.PathText, known)}");
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

            sweeps.Add(target with
            {
                Type = values is ListType { Element: var element } ? element : target.Type,
                Constants = FoldConstants(sweep.Values),
            });
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
}
