using CostDsl.Diagnostics;
using CostDsl.Functions;
using CostDsl.Semantics;
using CostDsl.Syntax;
using CostDsl.Text;

namespace CostDsl.Runtime;

/// <summary>Expressions: every operator, name, conversion, range and if over whole vectors, each result checked finite at its operator.</summary>
public sealed partial class EvaluationSession
{
    private Value Eval(Expr expr, Frame frame)
    {
        cancellation.ThrowIfCancellationRequested();
        return EvalNode(expr, frame);
    }

    // The global frame's visitor is made once: every let and output is evaluated there.
    private Value EvalNode(Expr expr, Frame frame) =>
        expr.Accept(ReferenceEquals(frame, Frame.Global) ? globalNodes ??= new NodeValues(this, Frame.Global) : new NodeValues(this, frame));

    private NodeValues? globalNodes;

    /// <summary>The value of each kind of node in one frame; a visitor, so that a new kind must be evaluated here to compile.</summary>
    private sealed class NodeValues(EvaluationSession session, Frame frame) : IExprVisitor<Value>
    {
        public Value VisitNumber(NumberExpr number) => Quantity.Dimensionless(number.Value);

        public Value VisitQuantity(QuantityExpr quantity) => session.Unit(quantity);

        public Value VisitName(NameExpr name) => session.EvalName(name, frame);

        public Value VisitMember(MemberExpr member) => session.EvalMember(member, frame);

        public Value VisitCall(CallExpr call) => session.EvalCall(call, frame);

        public Value VisitList(ListExpr list) => new ListValue([.. list.Items.Select(item => session.Eval(item, frame))]);

        public Value VisitParen(ParenExpr paren) => session.Eval(paren.Inner, frame);

        public Value VisitUnary(UnaryExpr unary) => session.EvalUnary(unary, frame);

        public Value VisitBinary(BinaryExpr binary) => session.EvalBinary(binary, frame);

        public Value VisitRange(RangeExpr range) => session.EvalRange(range, frame);

        public Value VisitIf(IfExpr conditional) => session.EvalIf(conditional, frame);

        public Value VisitConvert(ConvertExpr convert) => session.EvalConvert(convert, frame);
    }

    /// <summary><c>x in U</c>: the value stays in base units, but it is shown in U, where it must be finite too.</summary>
    private Value EvalConvert(ConvertExpr convert, Frame frame)
    {
        var value = Eval(convert.Value, frame);
        if (value is Quantity q && program.UnitSyntax.TryGetValue(convert.Unit, out var unit) && unit.Scale < 1)
        {
            Checked(q with { Magnitude = Magnitude.Divide(q.Magnitude, Magnitude.Exact(unit.Scale)) }, convert.Unit.Span, $"this value in {convert.Unit.Text}");
        }

        return value;
    }

    private Quantity Unit(QuantityExpr q)
    {
        var unit = program.UnitSyntax[q.Unit];
        return Checked(Quantity.Exact(q.Number.Value * unit.Scale, unit.Dimension), q.Span, "this quantity");
    }

    private Value EvalName(NameExpr name, Frame frame) => program.Bindings.GetValueOrDefault(name) switch
    {
        LetBinding l => LetValue(l.Let),
        BlockBinding b => new BlockValue(b.Block),
        UnitBinding u => Quantity.Exact(u.Unit.Scale, u.Unit.Dimension),
        ParameterBinding p when p.Index < frame.Arguments.Count => frame.Arguments[p.Index],
        SelfFieldBinding f when frame.Self is { } self => FieldValue(self, f.Field),
        _ => throw Fail(Codes.InternalError, name.Span, $"'{name.Name}' was not bound"),
    };


    private Value EvalMember(MemberExpr member, Frame frame) => Eval(member.Target, frame) is BlockValue block
        ? FieldValue(block.Block, member.Member)
        : throw Fail(Codes.TypeMismatch, member.MemberSpan, $"only blocks have fields: '{member.Member}'");

    private Value EvalUnary(UnaryExpr unary, Frame frame)
    {
        var operand = Eval(unary.Operand, frame);
        return unary.Op == UnaryOp.Not
            ? new Truth(((Truth)operand).Magnitude.Map(t => 1 - t))
            : operand is Quantity q ? q with { Magnitude = q.Magnitude.Negate(Temporary(unary.Operand, q)) } : operand;
    }

    private Value EvalBinary(BinaryExpr binary, Frame frame)
    {
        if (binary.Op is BinaryOp.And or BinaryOp.Or)
        {
            return EvalLogical(binary, frame);
        }

        // A chain of arithmetic over vectors is one fused pass (EvaluationSession.Fused).
        if (binary.Op is BinaryOp.Add or BinaryOp.Subtract or BinaryOp.Multiply or BinaryOp.Divide && Fused(binary, frame) is { } fused)
        {
            return fused;
        }

        var left = Eval(binary.Left, frame);
        var right = Eval(binary.Right, frame);
        if (left is Truth lt && right is Truth rt)
        {
            var equal = Magnitude.Zip(lt.Magnitude, rt.Magnitude, (a, b) => a == b ? 1 : 0);
            return new Truth(binary.Op == BinaryOp.Equal ? equal : equal.Map(e => 1 - e));
        }

        var l = (Quantity)left;
        var r = (Quantity)right;
        var (leftOwned, rightOwned) = (Temporary(binary.Left, l), Temporary(binary.Right, r));
        var arithmetic = binary.Op is BinaryOp.Add or BinaryOp.Subtract or BinaryOp.Multiply or BinaryOp.Divide;
        var into = leftOwned ?? rightOwned ?? (arithmetic && !(l.Magnitude.IsExact && r.Magnitude.IsExact) ? TakeSpare() : null);
        switch (binary.Op)
        {
            case BinaryOp.Add:
                return Recycling(Checked(new Quantity(Magnitude.Add(l.Magnitude, r.Magnitude, into), l.Dimension), binary.OpSpan, "this sum"), leftOwned, rightOwned);
            case BinaryOp.Subtract:
                return Recycling(Checked(new Quantity(Magnitude.Subtract(l.Magnitude, r.Magnitude, into), l.Dimension), binary.OpSpan, "this difference"), leftOwned, rightOwned);
            case BinaryOp.Multiply:
                return Recycling(Checked(new Quantity(Magnitude.Multiply(l.Magnitude, r.Magnitude, into), l.Dimension * r.Dimension), binary.OpSpan, "this product"), leftOwned, rightOwned);
            case BinaryOp.Divide:
                if (r.Magnitude.ContainsZero)
                {
                    throw Fail(Codes.DivisionByZero, binary.OpSpan, $"division by zero: {binary.Right.Span.Text} is 0");
                }

                return Recycling(Checked(new Quantity(Magnitude.Divide(l.Magnitude, r.Magnitude, into), l.Dimension / r.Dimension), binary.OpSpan, "this quotient"), leftOwned, rightOwned);
            case BinaryOp.Power:
                return EvalPower(binary, l, r);
            default:
                return new Truth(Magnitude.Zip(l.Magnitude, r.Magnitude, Comparison(binary.Op)));
        }
    }

    /// <summary>
    /// <c>a to b</c>: 5th and 95th percentiles a and b; lognormal when both are positive, normal
    /// otherwise (Squiggle's convention). Its samples are drawn from a seed tied to where it is written.
    /// </summary>
    private Quantity EvalRange(RangeExpr range, Frame frame)
    {
        var low = (Quantity)Eval(range.Low, frame);
        var high = (Quantity)Eval(range.High, frame);
        if (!low.Magnitude.IsExact || !high.Magnitude.IsExact)
        {
            throw Fail(Codes.BadDistribution, range.OpSpan, "the ends of 'a to b' must be exact numbers, not uncertain ones");
        }

        var (a, b) = (low.Magnitude.Value, high.Magnitude.Value);
        if (!(a < b))
        {
            throw Fail(Codes.BadDistribution, range.OpSpan, $"'a to b' needs a below b, but {range.Low.Span.Text} is not below {range.High.Span.Text}");
        }

        return Checked(new Quantity(Sample(range, frame, Distributions.FromInterval(a, b)), low.Dimension), range.OpSpan, $"a draw of {range.Span.Text}");
    }

    /// <summary>
    /// Draws one distribution's samples, repeated at every sweep point. The generator is seeded by the
    /// run's seed and the site's sampling key, extended by the path of user-function calls that led
    /// here (so every call draws anew) and by the stream a builtin names.
    /// </summary>
    private Magnitude Sample(Expr site, Frame frame, Action<RandomSource, Span<double>> fill, string stream = "")
    {
        var key = SiteKey(site);
        if (frame.CallPath is { } path)
        {
            key = key.Through(path);
        }

        return Draw(site, key.Stream(stream), fill);
    }

    /// <summary>
    /// The draws of <paramref name="key"/> (seeded by it and the run's seed), recorded once as an uncertain
    /// input named <paramref name="name"/>, or else after what is being computed (or the site's text).
    /// </summary>
    private Magnitude Draw(Expr site, SamplingKey key, Action<RandomSource, Span<double>> fill, string? name = null)
    {
        var draws = SampleArrays.Zeroed(Layout.Samples);
        fill(new RandomSource(key.Seed(sampling.Seed)), draws);
        if (drawn.Add(key))
        {
            inputs.Add(new UncertainInput(name ?? (computing.Count > 0 ? computing[^1] : site.Span.Text), site.Span, draws));
        }

        return Layout.Tile(draws);
    }

    /// <summary>The key the checker gave a range or call; every node of a checked program has one.</summary>
    private SamplingKey SiteKey(Expr site) =>
        program.SamplingKeys.TryGetValue(site, out var key) ? key : throw Fail(Codes.InternalError, site.Span, "this expression has no sampling key");

    /// <summary>
    /// The array of an operand that only this operation can see: the fresh result of arithmetic
    /// written inline. A value reached by name (a let, a field, a parameter, a sweep) is shared and is
    /// never overwritten; so is anything a function returned.
    /// </summary>
    private static double[]? Temporary(Expr operand, Quantity value)
    {
        while (operand is ParenExpr paren)
        {
            operand = paren.Inner;
        }

        return operand is BinaryExpr { Op: BinaryOp.Add or BinaryOp.Subtract or BinaryOp.Multiply or BinaryOp.Divide or BinaryOp.Power } or UnaryExpr { Op: UnaryOp.Negate }
            ? value.Magnitude.Buffer
            : null;
    }

    /// <summary>
    /// After an operation on two temporaries, the one whose array did not receive the result is dead
    /// (no let, field or value holds it): keep its array for the next operation that needs a new one.
    /// A fresh 8 MB array costs its page faults, which at 1,000,000 samples weigh more than the arithmetic.
    /// </summary>
    private Quantity Recycling(Quantity result, double[]? leftOwned, double[]? rightOwned)
    {
        if (leftOwned is not null && rightOwned is not null && !ReferenceEquals(leftOwned, rightOwned))
        {
            var written = result.Magnitude.Buffer;
            spare = ReferenceEquals(written, leftOwned) ? rightOwned : ReferenceEquals(written, rightOwned) ? leftOwned : spare;
        }

        return result;
    }

    // At most one dead array, kept for the next operation (see Recycling).
    private double[]? spare;

    /// <summary>The dead array kept by <see cref="Recycling"/>, handed out once.</summary>
    private double[]? TakeSpare()
    {
        var taken = spare;
        spare = null;
        return taken;
    }

    private Quantity EvalPower(BinaryExpr binary, Quantity b, Quantity exponent)
    {
        var dimension = b.Dimension.IsNone ? b.Dimension : b.Dimension.Pow((int)exponent.Magnitude.Value);
        if (b.Magnitude.Any(v => v == 0) && exponent.Magnitude.Any(v => v < 0))
        {
            throw Fail(Codes.DivisionByZero, binary.OpSpan, "division by zero: 0 raised to a negative power");
        }

        return Checked(new Quantity(Magnitude.Zip(b.Magnitude, exponent.Magnitude, Math.Pow), dimension), binary.OpSpan, "this power");
    }

    private static Func<double, double, double> Comparison(BinaryOp op) => op switch
    {
        BinaryOp.Equal => (a, b) => a == b ? 1 : 0,
        BinaryOp.NotEqual => (a, b) => a != b ? 1 : 0,
        BinaryOp.Less => (a, b) => a < b ? 1 : 0,
        BinaryOp.LessOrEqual => (a, b) => a <= b ? 1 : 0,
        BinaryOp.Greater => (a, b) => a > b ? 1 : 0,
        _ => (a, b) => a >= b ? 1 : 0,
    };

    private Truth EvalLogical(BinaryExpr binary, Frame frame)
    {
        var left = (Truth)Eval(binary.Left, frame);
        if (left.Magnitude.IsExact && (left.Magnitude.Value == 1) == (binary.Op == BinaryOp.Or))
        {
            return left;
        }

        var right = (Truth)Eval(binary.Right, frame);
        return new Truth(Magnitude.Zip(left.Magnitude, right.Magnitude, binary.Op == BinaryOp.And ? Math.Min : Math.Max));
    }

    private Value EvalIf(IfExpr conditional, Frame frame)
    {
        var condition = (Truth)Eval(conditional.Condition, frame);
        if (condition.Magnitude.IsExact)
        {
            // Only the branch taken is evaluated: 'if n > 0 then x / n else 0' must not divide by zero.
            return Eval(condition.Magnitude.Value == 1 ? conditional.Then : conditional.Else, frame);
        }

        var whenTrue = Eval(conditional.Then, frame);
        var whenFalse = Eval(conditional.Else, frame);
        return whenTrue switch
        {
            Quantity t when whenFalse is Quantity f => new Quantity(Select(condition.Magnitude, t.Magnitude, f.Magnitude), t.Dimension),
            Truth t when whenFalse is Truth f => new Truth(Select(condition.Magnitude, t.Magnitude, f.Magnitude)),
            _ => throw Fail(Codes.Unsupported, conditional.Span, "an uncertain condition can only choose between numbers"),
        };
    }

    private static Magnitude Select(Magnitude condition, Magnitude whenTrue, Magnitude whenFalse)
    {
        var result = new double[condition.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = condition.At(i) == 1 ? whenTrue.At(i) : whenFalse.At(i);
        }

        return Magnitude.Sampled(result);
    }


    /// <summary>A number that is not finite never leaves an operation: it is an error at the operator.</summary>
    private static Quantity Checked(Quantity q, SourceSpan span, string what)
    {
        if (q.Magnitude.IsFinite)
        {
            return q;
        }

        return q.Magnitude.Any(double.IsNaN)
            ? throw Fail(Codes.NotANumber, span, $"{what} is not a number (NaN)")
            : throw Fail(Codes.Overflow, span, $"overflow: {what} is beyond the range of a double (about 1.8e308)");
    }

    private static EvaluationError Fail(DiagnosticCode code, SourceSpan span, string message) =>
        new(new Diagnostic(Severity.Error, code, message, span));
}
