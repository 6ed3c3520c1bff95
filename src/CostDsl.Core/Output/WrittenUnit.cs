using CostDsl.Semantics;
using CostDsl.Syntax;
using CostDsl.Units;

namespace CostDsl.Output;

/// <summary>
/// The unit a value was written in, for showing it to people: <c>4456417 h</c> stays in <c>h</c>
/// rather than becoming <c>508.4 year</c>, <c>2.5 USD/h</c> stays <c>USD/h</c>, <c>40%</c> stays a
/// percentage. Follows the same trail as the checker's <c>WrittenUnit</c> (Semantics/Checker.cs),
/// which names units in error messages, but returns the resolved unit so a value can be scaled to
/// it. Only shapes that keep the unit are followed (a literal, <c>in</c>, a name or field, a sign,
/// brackets, a sum, a product or quotient by a plain number, and the first argument of
/// <c>ceil floor round abs min max sum mean percentile</c>); the unit found is used only when its
/// dimension is the value's. The JSON never uses it: it keeps base units unless <c>in</c> chose one.
/// </summary>
public static class WrittenUnit
{
    /// <summary>The percentage unit: a literal <c>40%</c> is 0.4 shown as <c>40%</c>.</summary>
    public static readonly Unit Percent = new("%", 0.01, Dimension.None);

    private const int MaxDepth = 16;

    private static readonly HashSet<string> Keeping = ["ceil", "floor", "round", "abs", "min", "max", "sum", "mean", "percentile"];

    /// <summary>The unit <paramref name="expr"/> is written in, if any and if it has <paramref name="dimension"/>.</summary>
    public static Unit? Of(CheckedProgram program, Expr expr, Dimension dimension) =>
        Find(program, expr) is { } unit && unit.Dimension == dimension ? unit : null;

    /// <summary>
    /// The unit <paramref name="expr"/> is written in, if any, of whatever dimension: the caller checks
    /// it. A bare base unit (<c>13.5e9 B</c>, <c>5400 s</c>) says nothing about the size a reader wants,
    /// so it is left to the readable choice (<c>13.5 GB</c>, <c>1.5 h</c>); any other unit is kept.
    /// </summary>
    public static Unit? Find(CheckedProgram program, Expr expr) =>
        Find(program, expr, 0) is { } unit && !(unit.Scale == 1 && unit.Name == unit.Dimension.ToString()) ? unit : null;

    private static Unit? Find(CheckedProgram program, Expr expr, int depth)
    {
        if (depth > MaxDepth)
        {
            return null;
        }

        var next = depth + 1;
        return expr switch
        {
            NumberExpr { IsPercent: true } => Percent,
            QuantityExpr q => Named(program, q.Unit),
            ConvertExpr c => Named(program, c.Unit),
            ParenExpr p => Find(program, p.Inner, next),
            UnaryExpr u => Find(program, u.Operand, next),
            RangeExpr r => Find(program, r.Low, next) ?? Find(program, r.High, next),
            NameExpr n when program.Bindings.GetValueOrDefault(n) is LetBinding l => Find(program, l.Let.Value, next),
            NameExpr n when program.Bindings.GetValueOrDefault(n) is UnitBinding u => u.Unit,
            MemberExpr { Target: NameExpr t } m when program.Bindings.GetValueOrDefault(t) is BlockBinding b && b.Block.Field(m.Member) is { } f => Find(program, f.Value, next),
            BinaryExpr { Op: BinaryOp.Add or BinaryOp.Subtract } b => Find(program, b.Left, next) ?? Find(program, b.Right, next),
            BinaryExpr { Op: BinaryOp.Multiply, Left: NumberExpr { IsPercent: false } } b => Find(program, b.Right, next),
            BinaryExpr { Op: BinaryOp.Multiply or BinaryOp.Divide, Right: NumberExpr { IsPercent: false } } b => Find(program, b.Left, next),
            CallExpr { Arguments.Length: > 0 } c when Keeping.Contains(c.Callee) && program.Bindings.GetValueOrDefault(c) is CallBinding { User: null } =>
                Find(program, c.Arguments[0].Value, next),
            _ => null,
        };
    }

    /// <summary>A unit as written, named as written (<c>USD/h</c>, not its base-unit form).</summary>
    private static Unit? Named(CheckedProgram program, UnitSyntax syntax) =>
        program.UnitSyntax.GetValueOrDefault(syntax) is { } unit ? unit with { Name = syntax.Text } : null;
}
