using CostDsl.Diagnostics;
using CostDsl.Functions;
using CostDsl.Syntax;
using CostDsl.Units;

namespace CostDsl.Semantics;

/// <summary>Expressions: the static type and dimension of every operator, literal, list, range, if and conversion.</summary>
public sealed partial class Checker
{
    private Typing? globalTyping;

    // The global scope's visitor is made once: most expressions are checked there (one per let and output).
    private StaticType CheckExpr(Expr expr, Scope scope) =>
        expr.Accept(ReferenceEquals(scope, Scope.Global) ? globalTyping ??= new Typing(this, Scope.Global) : new Typing(this, scope));

    /// <summary>The static type of each kind of node in one scope; a visitor, so that a new kind must be typed here to compile.</summary>
    private sealed class Typing(Checker checker, Scope scope) : IExprVisitor<StaticType>
    {
        public StaticType VisitNumber(NumberExpr number) => checker.CheckNumber(number);

        public StaticType VisitQuantity(QuantityExpr quantity) => checker.CheckNumber(quantity.Number).IsError ? StaticType.Error
            : checker.ResolveUnitSyntax(quantity.Unit) is { } unit ? new QuantityType(unit.Dimension) : StaticType.Error;

        public StaticType VisitName(NameExpr name) => checker.CheckName(name, scope);

        public StaticType VisitMember(MemberExpr member) => checker.CheckMember(member, scope);

        public StaticType VisitCall(CallExpr call) => checker.CheckCall(call, scope);

        public StaticType VisitList(ListExpr list) => checker.CheckList(list, scope);

        public StaticType VisitParen(ParenExpr paren) => paren.Inner.Accept(this);

        public StaticType VisitUnary(UnaryExpr unary) => checker.CheckUnary(unary, scope);

        public StaticType VisitBinary(BinaryExpr binary) => checker.CheckBinary(binary, scope);

        public StaticType VisitRange(RangeExpr range) => checker.CheckRange(range, scope);

        public StaticType VisitIf(IfExpr conditional) => checker.CheckIf(conditional, scope);

        public StaticType VisitConvert(ConvertExpr convert) => checker.CheckConvert(convert, scope);
    }

    private StaticType CheckNumber(NumberExpr number)
    {
        if (double.IsFinite(number.Value))
        {
            return StaticType.Number;
        }

        diagnostics.Error(Codes.InvalidNumber, number.Span, $"{number.Text} is too large for a double (the largest is about 1.8e308)");
        return StaticType.Error;
    }

    private StaticType CheckList(ListExpr list, Scope scope)
    {
        var types = list.Items.Select(item => CheckExpr(item, scope)).ToList();
        var valid = types.Where(t => !t.IsError).ToList();
        if (valid.Count == 0)
        {
            return types.Count == 0 ? new ListType(StaticType.Error) : StaticType.Error;
        }

        for (var i = 0; i < types.Count; i++)
        {
            if (!types[i].IsError && !SameType(types[i], valid[0]))
            {
                diagnostics.Error(Codes.DimensionMismatch, list.Items[i].Span, $"list items must be alike, but this one is {Describe(list.Items[i], types[i])} and the first is {Describe(valid[0])}");
                return StaticType.Error;
            }
        }

        return new ListType(valid[0]);
    }

    private StaticType CheckUnary(UnaryExpr unary, Scope scope)
    {
        var operand = CheckExpr(unary.Operand, scope);
        if (operand.IsError)
        {
            return operand;
        }

        if (unary.Op == UnaryOp.Not)
        {
            return operand is TruthType ? operand : Mismatch(unary.OpSpan, $"'not' needs a condition, not {Describe(unary.Operand, operand)}");
        }

        return operand is QuantityType ? operand : Mismatch(unary.OpSpan, $"cannot negate {Describe(unary.Operand, operand)}");
    }

    private StaticType CheckBinary(BinaryExpr binary, Scope scope)
    {
        var left = CheckExpr(binary.Left, scope);
        var right = CheckExpr(binary.Right, scope);
        if (left.IsError || right.IsError)
        {
            return binary.Op is BinaryOp.And or BinaryOp.Or || OperatorText.IsComparison(binary.Op) ? StaticType.Truth : StaticType.Error;
        }

        switch (binary.Op)
        {
            case BinaryOp.And or BinaryOp.Or:
                return left is TruthType && right is TruthType
                    ? StaticType.Truth
                    : Mismatch(binary.OpSpan, $"'{OperatorText.Of(binary.Op)}' needs conditions on both sides, not {Describe(binary.Left, left)} and {Describe(binary.Right, right)}");
            case BinaryOp.Equal or BinaryOp.NotEqual when left is TruthType && right is TruthType:
                return StaticType.Truth;
        }

        if (left is not QuantityType l || right is not QuantityType r)
        {
            return Mismatch(binary.OpSpan, $"'{OperatorText.Of(binary.Op)}' needs numbers, not {Describe(binary.Left, left)} and {Describe(binary.Right, right)}");
        }

        switch (binary.Op)
        {
            case BinaryOp.Add or BinaryOp.Subtract:
                return l.Dimension == r.Dimension ? l : DimensionMismatch(binary, binary.Op == BinaryOp.Add ? "add" : "subtract", left, right);
            case BinaryOp.Multiply:
                return new QuantityType(l.Dimension * r.Dimension);
            case BinaryOp.Divide:
                return new QuantityType(l.Dimension / r.Dimension);
            case BinaryOp.Power:
                return CheckPower(binary, l, r);
            default:
                return l.Dimension == r.Dimension ? StaticType.Truth : DimensionMismatch(binary, "compare", left, right);
        }
    }

    private StaticType DimensionMismatch(BinaryExpr binary, string verb, StaticType left, StaticType right) =>
        Mismatch(binary.OpSpan, $"cannot {verb} {Describe(binary.Left, left)} and {Describe(binary.Right, right)}", Codes.DimensionMismatch);

    private StaticType CheckPower(BinaryExpr power, QuantityType b, QuantityType exponent)
    {
        if (!exponent.Dimension.IsNone)
        {
            return Mismatch(power.OpSpan, $"an exponent must be a plain number, not {Describe(power.Right, exponent)}", Codes.BadExponent);
        }

        if (b.Dimension.IsNone)
        {
            return b;
        }

        return ConstantInteger(power.Right) is { } n
            ? new QuantityType(b.Dimension.Pow(n))
            : Mismatch(power.OpSpan, $"{Describe(power.Left, b)} can only be raised to a whole number written out (x^2, x^-1), so that its unit is known", Codes.BadExponent);
    }

    private StaticType CheckRange(RangeExpr range, Scope scope)
    {
        var low = CheckExpr(range.Low, scope);
        var high = CheckExpr(range.High, scope);
        if (low.IsError || high.IsError)
        {
            return StaticType.Error;
        }

        if (low is QuantityType l && high is QuantityType h)
        {
            return l.Dimension == h.Dimension
                ? l
                : Mismatch(range.OpSpan, $"the ends of a range must be alike: {Describe(range.Low, low)} to {Describe(range.High, high)}", Codes.DimensionMismatch);
        }

        return Mismatch(range.OpSpan, $"a range needs numbers at both ends, not {Describe(range.Low, low)} and {Describe(range.High, high)}");
    }

    private StaticType CheckIf(IfExpr conditional, Scope scope)
    {
        var condition = CheckExpr(conditional.Condition, scope);
        var whenTrue = CheckExpr(conditional.Then, scope);
        var whenFalse = CheckExpr(conditional.Else, scope);
        if (condition is not TruthType && !condition.IsError)
        {
            diagnostics.Error(Codes.TypeMismatch, conditional.Condition.Span, $"'if' needs a condition, not {Describe(conditional.Condition, condition)}");
        }

        if (whenTrue.IsError || whenFalse.IsError)
        {
            return whenTrue.IsError ? whenFalse : whenTrue;
        }

        return SameType(whenTrue, whenFalse)
            ? whenTrue
            : Mismatch(conditional.Else.Span, $"both branches of 'if' must be alike, but 'then' gives {Describe(conditional.Then, whenTrue)} and 'else' gives {Describe(conditional.Else, whenFalse)}", Codes.DimensionMismatch);
    }

    private StaticType CheckConvert(ConvertExpr convert, Scope scope)
    {
        var value = CheckExpr(convert.Value, scope);
        var unit = ResolveUnitSyntax(convert.Unit);
        if (value.IsError || unit is null)
        {
            return unit is null ? StaticType.Error : new QuantityType(unit.Dimension);
        }

        if (value is not QuantityType q || q.Dimension != unit.Dimension)
        {
            return Mismatch(convert.Unit.Span, $"cannot convert {Describe(convert.Value, value)} to {convert.Unit.Text} ({Arguments.Describe(unit.Dimension)})", Codes.ConversionMismatch);
        }

        return value;
    }
}
