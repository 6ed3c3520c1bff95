using CostDsl.Diagnostics;
using CostDsl.Functions;
using CostDsl.Syntax;
using CostDsl.Units;

namespace CostDsl.Semantics;

/// <summary>Outputs: what the JSON shows, and in which unit.</summary>
public sealed partial class Checker
{
    /// <summary>An output as checked, before the unit it was written in is known (that needs every let typed).</summary>
    private readonly record struct PendingOutput(string Name, Text.SourceSpan NameSpan, LetSymbol Value, Unit? DisplayUnit, string? UnitText, StaticType Type)
    {
        public CheckedOutput Complete(Unit? writtenUnit) => new(Name, NameSpan, Value, DisplayUnit, UnitText, Type) { WrittenUnit = writtenUnit };
    }

    private List<PendingOutput> CheckOutputs()
    {
        var outputs = new List<PendingOutput>();
        var declared = model.RootTree.OfType<OutputDecl>().ToList();
        if (declared.Count == 0)
        {
            // Without any output, every let of the root file is one.
            foreach (var decl in model.RootTree.OfType<LetDecl>())
            {
                if (model.Values.GetValueOrDefault(decl.Name) is LetSymbol { Decl: LetDecl own } let && own == decl)
                {
                    var converted = let.Value as ConvertExpr;
                    outputs.Add(new PendingOutput(let.Name, decl.NameSpan, let, converted is null ? null : unitSyntax.GetValueOrDefault(converted.Unit), converted?.Unit.Text, TypeOfLet(let)));
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

            outputs.Add(new PendingOutput(output.Name, output.NameSpan, symbol, unit, unitText, type));
        }

        return outputs;
    }
}
