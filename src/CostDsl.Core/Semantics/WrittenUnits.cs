using CostDsl.Syntax;
using CostDsl.Units;

namespace CostDsl.Semantics;

/// <summary>
/// The one rule for "the unit the user wrote", which the checker applies and stores in its
/// <see cref="CheckedProgram"/> (and uses itself to name the sides of a mismatch); eval's table,
/// explain, diff, the reports and the language server read it from there. <c>4456417 h</c> stays in
/// <c>h</c> rather than becoming <c>508.4 year</c>, <c>2.5 USD/h</c> stays <c>USD/h</c>, <c>40%</c>
/// stays a percentage. Only shapes that keep the unit are followed (a literal, <c>in</c>, a name or
/// field, a sign, brackets, a range, a sum, a product or quotient by a plain number, and the first
/// argument of <c>ceil floor round abs min max sum mean percentile</c>); a unit is named as written
/// in its canonical spelling (<see cref="UnitSyntax.Text"/>). The JSON never uses it: it keeps base
/// units unless <c>in</c> chose one. A diagnostic names a side in its written unit only through
/// literals, <c>in</c>, signs, brackets, names and fields (<see cref="InMessage"/>): <c>2 * 3 TFLOP/s</c>
/// is "FLOP/s" there, because a message names the dimension, not a size.
/// </summary>
/// <param name="bindings">What names and calls mean (the checker's, as far as it has got, or the finished program's).</param>
/// <param name="units">The units resolved so far, by the syntax they were written with.</param>
internal sealed class WrittenUnits(IReadOnlyDictionary<Expr, Binding> bindings, IReadOnlyDictionary<UnitSyntax, Unit> units)
{
    /// <summary>The percentage unit: a literal <c>40%</c> is 0.4 shown as <c>40%</c>.</summary>
    public static readonly Unit Percent = new("%", 0.01, Dimension.None);

    private const int MaxDepth = 16;

    /// <summary>
    /// The unit <paramref name="expr"/> is written in, if it has <paramref name="dimension"/>. A bare
    /// base unit (<c>13.5e9 B</c>, <c>5400 s</c>) says nothing about the size a reader wants, so it is
    /// left to the readable choice (<c>13.5 GB</c>, <c>1.5 h</c>); any other unit is kept.
    /// </summary>
    public Unit? Of(Expr expr, Dimension dimension) => Trail(expr, 0, formulas: true) is { } unit && unit.Dimension == dimension && !IsBare(unit) ? unit : null;

    /// <summary>The unit to name <paramref name="expr"/> by in a diagnostic: the same trail, through names and fields but not through formulas.</summary>
    public Unit? InMessage(Expr expr, Dimension dimension) => Trail(expr, 0, formulas: false) is { } unit && unit.Dimension == dimension ? unit : null;

    /// <summary>The unit written on this very value (a literal, <c>in</c>, a percentage, under a sign or brackets), bare base units included.</summary>
    public Unit? OnLiteral(Expr expr) => expr switch
    {
        NumberExpr { IsPercent: true } => Percent,
        QuantityExpr q => Named(q.Unit),
        ConvertExpr c => Named(c.Unit),
        ParenExpr p => OnLiteral(p.Inner),
        UnaryExpr { Op: UnaryOp.Negate } u => OnLiteral(u.Operand),
        _ => null,
    };

    private static bool IsBare(Unit unit) => unit.Scale == 1 && unit.Name == unit.Dimension.ToString();

    private Unit? Trail(Expr expr, int depth, bool formulas)
    {
        if (depth > MaxDepth)
        {
            return null;
        }

        var next = depth + 1;
        return expr switch
        {
            QuantityExpr q => Named(q.Unit),
            ConvertExpr c => Named(c.Unit),
            ParenExpr p => Trail(p.Inner, next, formulas),
            UnaryExpr u => Trail(u.Operand, next, formulas),
            NameExpr n when bindings.GetValueOrDefault(n) is LetBinding l => Trail(l.Let.Value, next, formulas),
            NameExpr n when bindings.GetValueOrDefault(n) is UnitBinding u => u.Unit,
            MemberExpr { Target: NameExpr t } m when bindings.GetValueOrDefault(t) is BlockBinding b && b.Block.Field(m.Member) is { } f => Trail(f.Value, next, formulas),
            _ when !formulas => null,
            NumberExpr { IsPercent: true } => Percent,
            RangeExpr r => Trail(r.Low, next, formulas) ?? Trail(r.High, next, formulas),
            BinaryExpr { Op: BinaryOp.Add or BinaryOp.Subtract } b => Trail(b.Left, next, formulas) ?? Trail(b.Right, next, formulas),
            BinaryExpr { Op: BinaryOp.Multiply, Left: NumberExpr { IsPercent: false } } b => Trail(b.Right, next, formulas),
            BinaryExpr { Op: BinaryOp.Multiply or BinaryOp.Divide, Right: NumberExpr { IsPercent: false } } b => Trail(b.Left, next, formulas),
            CallExpr { Arguments.Length: > 0 } c when bindings.GetValueOrDefault(c) is CallBinding { User: null, Builtin.KeepsWrittenUnit: true } =>
                Trail(c.Arguments[0].Value, next, formulas),
            _ => null,
        };
    }

    /// <summary>A unit as written, named as written (<c>USD/h</c>, not its base-unit form).</summary>
    // The resolved unit is named by its text already (Checker.ResolveUnitSyntax): then it is not copied.
    private Unit? Named(UnitSyntax syntax) => units.GetValueOrDefault(syntax) is { } unit ? (unit.Name == syntax.Text ? unit : unit with { Name = syntax.Text }) : null;
}
