using System.Collections.Immutable;
using CostDsl.Diagnostics;
using CostDsl.Functions;
using CostDsl.Syntax;
using CostDsl.Text;
using CostDsl.Units;

namespace CostDsl.Semantics;

/// <summary>Units: every unit declaration, unit name (prefixed or not) and unit expression resolved once.</summary>
public sealed partial class Checker
{
    // Unit expressions resolved, by their canonical text (UnitSyntax.Text; a lone name for a lone factor).
    private readonly Dictionary<string, (Unit Unit, ImmutableArray<UnitSymbol> Named)> unitsByText = new(StringComparer.Ordinal);

    private Unit? ResolveUnitSymbol(UnitSymbol symbol)
    {
        if (units.TryGetValue(symbol, out var known))
        {
            return known;
        }

        if (!inProgress.TryEnter(symbol, out var cycle))
        {
            diagnostics.Error(Codes.DefinitionCycle, symbol.NameSpan, $"units are defined from each other in a cycle: {string.Join(" -> ", cycle.Select(NameOf).Append(symbol.Name))}");
            return null;
        }

        Unit? unit = null;
        if (symbol.Decl.Definition is not { } definition)
        {
            unit = new Unit(symbol.Name, 1, Dimension.Base(symbol.Name));
        }
        else if (ConstantValue(definition) is var (scale, dimension))
        {
            if (scale > 0 && double.IsFinite(scale))
            {
                unit = new Unit(symbol.Name, scale, dimension);
            }
            else
            {
                diagnostics.Error(Codes.UnitNotConstant, definition.Span, $"unit {symbol.Name} must be a positive, finite multiple of other units");
            }
        }

        inProgress.Exit();
        units[symbol] = unit;
        return unit;
    }

    /// <summary>A unit name, declared or prefixed (TFLOP, GiB); null (and an error) when there is none.</summary>
    private Unit? ResolveUnitName(string name, SourceSpan span)
    {
        var symbol = model.Values.GetValueOrDefault(name);
        if (symbol is UnitSymbol unitSymbol)
        {
            return ResolveUnitSymbol(unitSymbol);
        }

        if (symbol is not null)
        {
            diagnostics.Error(Codes.UnknownUnit, span, $"'{name}' is a {symbol.Describe().Split(' ')[0]}, not a unit; to multiply by it, write '* {name}'");
            return null;
        }

        if (FindPrefixedUnit(name) is { } prefixed)
        {
            return prefixed;
        }

        diagnostics.Error(Codes.UnknownUnit, span, $"unknown unit '{name}'{Advice.UnitSpellings.Hint(name, model.Units.Select(u => u.Name))}");
        return null;
    }

    private Unit? ResolveUnitSyntax(UnitSyntax syntax)
    {
        if (unitSyntax.TryGetValue(syntax, out var known))
        {
            return known;
        }

        // Units are the program's, not a scope's: a unit written the same way (the same factors and powers)
        // is the same unit wherever it is written, so it is resolved once (100,000 outputs in GB resolved
        // GB, its prefix and its dimension 100,000 times). Only a unit that resolves is remembered: one that
        // does not is reported at each place it is written.
        var key = syntax.Factors is [{ Power: 1 } single] ? single.Name : syntax.Text;
        if (unitsByText.TryGetValue(key, out var same))
        {
            unitSyntax[syntax] = same.Unit;
            if (!same.Named.IsEmpty)
            {
                // Read with an empty default (DeclarationDependencies): a prefixed unit (GB) names no unit declaration.
                unitsNamed[syntax] = same.Named;
            }

            return same.Unit;
        }

        var scale = 1.0;
        var dimension = Dimension.None;
        var named = ImmutableArray.CreateBuilder<UnitSymbol>();
        foreach (var factor in syntax.Factors)
        {
            if (ResolveUnitName(factor.Name, factor.Span) is not { } unit)
            {
                return null;
            }

            if (model.Values.GetValueOrDefault(factor.Name) is UnitSymbol symbol)
            {
                named.Add(symbol);
            }

            scale *= Math.Pow(unit.Scale, factor.Power);
            dimension *= unit.Dimension.Pow(factor.Power);
        }

        var resolved = new Unit(syntax.Text, scale, dimension);
        var namedSymbols = named.ToImmutable();
        unitSyntax[syntax] = resolved;
        if (!namedSymbols.IsEmpty)
        {
            unitsNamed[syntax] = namedSymbols;
        }

        unitsByText[key] = (resolved, namedSymbols);
        return resolved;
    }

    /// <summary>
    /// The value of a unit definition: numbers and units joined by * / + - and integer powers.
    /// Units are fixed before anything runs, so a definition may not use lets or fields.
    /// </summary>
    private (double Scale, Dimension Dimension)? ConstantValue(Expr expr)
    {
        switch (expr)
        {
            case NumberExpr n:
                return (n.Value, Dimension.None);
            case QuantityExpr q:
                return ResolveUnitSyntax(q.Unit) is { } u ? (q.Number.Value * u.Scale, u.Dimension) : null;
            case NameExpr name when model.Values.GetValueOrDefault(name.Name) is null or UnitSymbol:
                return ResolveUnitName(name.Name, name.Span) is { } unit ? (unit.Scale, unit.Dimension) : null;
            case ParenExpr p:
                return ConstantValue(p.Inner);
            case UnaryExpr { Op: UnaryOp.Negate } negation:
                return ConstantValue(negation.Operand) is var (v, d) ? (-v, d) : null;
            case BinaryExpr { Op: BinaryOp.Power } power when ConstantInteger(power.Right) is { } exponent:
                return ConstantValue(power.Left) is var (bv, bd) ? (Math.Pow(bv, exponent), bd.Pow(exponent)) : null;
            case BinaryExpr { Op: BinaryOp.Multiply or BinaryOp.Divide or BinaryOp.Add or BinaryOp.Subtract } b:
                if (ConstantValue(b.Left) is not var (l, ld) || ConstantValue(b.Right) is not var (r, rd))
                {
                    return null;
                }

                if (b.Op is BinaryOp.Add or BinaryOp.Subtract && ld != rd)
                {
                    diagnostics.Error(Codes.DimensionMismatch, b.OpSpan, $"cannot {(b.Op == BinaryOp.Add ? "add" : "subtract")} {Arguments.Describe(ld)} and {Arguments.Describe(rd)}");
                    return null;
                }

                return b.Op switch
                {
                    BinaryOp.Multiply => (l * r, ld * rd),
                    BinaryOp.Divide => (l / r, ld / rd),
                    BinaryOp.Add => (l + r, ld),
                    _ => (l - r, ld),
                };
            default:
                diagnostics.Error(Codes.UnitNotConstant, expr.Span, "a unit is defined from numbers and other units only (no lets, fields or functions)");
                return null;
        }
    }

    private static int? ConstantInteger(Expr expr) => expr switch
    {
        NumberExpr { IsPercent: false } n when n.Value == Math.Floor(n.Value) && Math.Abs(n.Value) <= 64 => (int)n.Value,
        UnaryExpr { Op: UnaryOp.Negate } u => -ConstantInteger(u.Operand),
        ParenExpr p => ConstantInteger(p.Inner),
        _ => null,
    };
}
