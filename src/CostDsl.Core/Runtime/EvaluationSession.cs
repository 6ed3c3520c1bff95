using CostDsl.Diagnostics;
using CostDsl.Functions;
using CostDsl.Semantics;
using CostDsl.Syntax;
using CostDsl.Text;

namespace CostDsl.Runtime;

/// <summary>
/// One evaluation of a checked program: every let and field is computed once (memoized, so outputs
/// that share an input share its value). An error stops only the output, assert or expression it
/// occurs in; it becomes a diagnostic. Tools that walk a program (explain, diff) evaluate single
/// lets, fields and sub-expressions through the Try methods. All state lives in the session, so a
/// checked program may be evaluated by many sessions on many threads at once.
/// </summary>
public sealed class EvaluationSession
{
    private readonly CheckedProgram program;
    private readonly DiagnosticBag diagnostics;
    private readonly CancellationToken cancellation;
    private readonly Sampling sampling;

    // Set when the program has static errors: the declarations they sit in fail quietly, and so does
    // whatever uses them; the rest is evaluated so that its own errors are reported too.
    private readonly ErroneousDeclarations? erroneous;

    public EvaluationSession(CheckedProgram program, DiagnosticBag diagnostics, Sampling? sampling = null, CancellationToken cancellation = default, ErroneousDeclarations? erroneous = null)
    {
        this.program = program;
        this.erroneous = erroneous;
        this.diagnostics = diagnostics;
        this.cancellation = cancellation;
        this.sampling = sampling ?? Sampling.Default;

        // A spec without uncertainty is evaluated exactly: one sample, no random numbers at all.
        // A sweep grid adds points; every vector holds points x samples values.
        // The count saturates past MaxValues: 63 sweeps of two values would overflow a long (and once gave no points at all).
        var points = program.Sweeps.Aggregate(1L, (n, sweep) => n > MaxValues ? n : n * sweep.Count);
        var samples = program.IsUncertain ? this.sampling.Samples : 1;
        var fits = points <= MaxValues / samples;
        var part = this.sampling.Part;
        gridPoints = fits ? (int)points : 1;
        (firstPoint, var count) = part.Window(gridPoints);
        partError = fits && part.Count > points ? $"--shard {part.Index}/{part.Count}: the sweep grid has {points} point{(points == 1 ? string.Empty : "s")}, fewer than the {part.Count} parts" : null;
        Layout = fits && partError is null ? new Layout(count, samples) : new Layout(1, 1);
        tooLarge = fits ? null : $"{(points > MaxValues ? $"more than {MaxValues}" : points.ToString(System.Globalization.CultureInfo.InvariantCulture))} sweep points x {samples} samples is more than {MaxValues} values; use fewer samples or fewer points";
    }

    /// <summary>The most values one vector may hold (160 MB of doubles).</summary>
    public const long MaxValues = 20_000_000;

    private readonly string? tooLarge;
    private readonly string? partError;
    private readonly int gridPoints;
    private readonly int firstPoint;
    private readonly Dictionary<LetSymbol, Value> sweptLets = [];
    private readonly List<(BlockSymbol Block, FieldSymbol Field, Value Value)> sweptFields = [];
    private readonly List<SweepAxis> axes = [];
    private readonly List<UncertainInput> inputs = [];
    private readonly HashSet<SamplingKey> drawn = [];

    // The lets and fields being computed, innermost last: a distribution is named after the innermost.
    private readonly List<string> computing = [];

    public Layout Layout { get; }

    /// <summary>Where an expression is evaluated: a function's arguments, the block of a field, and the calls of user functions that led there.</summary>
    private sealed record Frame(IReadOnlyList<Value> Arguments, BlockSymbol? Self, SamplingKey? CallPath)
    {
        public static readonly Frame Global = new([], null, null);
    }

    // A stored null means "failed before, already reported".
    private readonly Dictionary<LetSymbol, Value?> lets = [];
    private readonly Dictionary<(BlockSymbol, string), Value?> fields = [];
    private readonly HashSet<object> inProgress = [];

    /// <summary>The value of a let or an output; null after an error (reported in the diagnostics).</summary>
    public Value? TryLet(LetSymbol let) => Guarded(() => LetValue(let));

    /// <summary>The value of a block's field; null after an error.</summary>
    public Value? TryField(BlockSymbol block, string field) => Guarded(() => FieldValue(block, field));

    /// <summary>
    /// The value of any expression of the program, evaluated where it stands: inside
    /// <paramref name="self"/> when it belongs to that block's fields. Null after an error.
    /// Expressions inside a function body need the function's arguments and are not evaluated alone.
    /// </summary>
    public Value? TryEvaluate(Expr expr, BlockSymbol? self = null) => Guarded(() => Eval(expr, new Frame([], self, null)));

    /// <summary>Every output in file order, then every assert.</summary>
    public Evaluation Run()
    {
        if (tooLarge is not null)
        {
            diagnostics.Error(Codes.LimitExceeded, program.Sweeps.FirstOrDefault()?.Decl.Span, tooLarge);
            return new Evaluation([], [], Layout, []);
        }

        if (partError is not null)
        {
            diagnostics.Error(Codes.TooFewPoints, program.Sweeps.FirstOrDefault()?.Decl.Span, partError);
            return new Evaluation([], [], Layout, []);
        }

        if (!PrepareSweeps())
        {
            return new Evaluation([], [], Layout, []);
        }

        var outputs = new List<OutputValue>();
        foreach (var output in program.Outputs)
        {
            if (Guarded(() => Reportable(output, LetValue(output.Value))) is { } value)
            {
                outputs.Add(new OutputValue(output.Name, value, output.DisplayUnit, output.UnitText));
            }
        }

        var asserts = new List<AssertOutcome>();
        foreach (var assert in program.Asserts.Where(a => erroneous?.Contains(a) != true))
        {
            if (Guarded(() => Eval(assert.Condition, Frame.Global)) is Truth truth)
            {
                if (JudgeAssert(assert, truth.Magnitude) is { } outcome)
                {
                    asserts.Add(outcome);
                }
            }
        }

        return new Evaluation(outputs, asserts, Layout, axes) { UncertainInputs = inputs, Part = sampling.Part, GridPoints = gridPoints };
    }

    /// <summary>
    /// An assert holds at a sweep point when its condition is true in every sample there. A condition
    /// that is true in some samples of a point and false in others is uncertain (CD0406); one that is
    /// the same throughout each point (an exact one, a P(...) or a percentile) never is, however it
    /// varies from point to point. A failure names the points where it failed.
    /// </summary>
    private AssertOutcome? JudgeAssert(AssertDecl assert, Magnitude truth)
    {
        var failing = new List<int>();
        for (var point = 0; point < Layout.Points; point++)
        {
            var first = truth.IsExact ? truth.Value : truth.At(point * Layout.Samples);
            for (var sample = 1; !truth.IsExact && sample < Layout.Samples; sample++)
            {
                if (truth.At((point * Layout.Samples) + sample) != first)
                {
                    diagnostics.Error(Codes.UncertainAssert, assert.Condition.Span, $"this condition is uncertain (true in some samples, false in others{AtPoints([point])}); say what the assert tests: P(condition) > 95%, or percentile(x, 95%) < limit");
                    return null;
                }
            }

            if (first != 1)
            {
                failing.Add(point);
            }
        }

        var outcome = new AssertOutcome(assert, (double)(Layout.Points - failing.Count) / Layout.Points) { FailingPoints = axes.Count == 0 ? [] : failing };
        if (!outcome.Passed)
        {
            diagnostics.Error(Codes.AssertFailed, assert.Condition.Span, $"assert failed: {outcome.Message}{AtPoints(outcome.FailingPoints)}");
        }

        return outcome;
    }

    /// <summary>" at chat.users = 2000, at ...": the sweep points named by their input values (the first few).</summary>
    private string AtPoints(IReadOnlyList<int> points)
    {
        if (axes.Count == 0 || points.Count == 0)
        {
            return string.Empty;
        }

        const int Shown = 5;
        var evaluation = new Evaluation([], [], Layout, axes) { Part = sampling.Part, GridPoints = gridPoints };
        var named = points.Take(Shown).Select(evaluation.DescribePoint);
        var more = points.Count > Shown ? $" and {points.Count - Shown} more point{(points.Count - Shown == 1 ? string.Empty : "s")}" : string.Empty;
        return " at " + string.Join("; at ", named) + more;
    }

    /// <summary>
    /// An output as it will be written must be finite in its display unit, and so must its statistics
    /// at every point: 1e306 USD/s is finite, but not in USD/h; samples near 1e200 are, but not the
    /// squares of their standard deviation. Either is an overflow error at the output's name.
    /// </summary>
    private Value Reportable(CheckedOutput output, Value value)
    {
        if (value is not Quantity q)
        {
            return value;
        }

        var scale = output.DisplayUnit?.Scale ?? 1;
        var shown = output.UnitText is null ? output.Name : $"{output.Name} in {output.UnitText}";
        var largest = q.Magnitude.IsExact ? Math.Abs(q.Magnitude.Value) : System.Numerics.Tensors.TensorPrimitives.MaxMagnitude(q.Magnitude.Samples);
        if (!double.IsFinite(largest / scale))
        {
            throw Fail(Codes.Overflow, output.NameSpan, $"overflow: {shown} is beyond the range of a double (about 1.8e308)");
        }

        // Below 1e150 every square, sum and statistic stays finite; only beyond is it worth computing them here.
        if (!q.Magnitude.IsExact && Math.Abs(largest / scale) > 1e150)
        {
            for (var point = 0; point < Layout.Points; point++)
            {
                if (Output.PointValue.Of(q.Magnitude, Layout, point, scale).Statistics is { IsFinite: false })
                {
                    throw Fail(Codes.Overflow, output.NameSpan, $"overflow: the spread of {shown} (its standard deviation) is beyond the range of a double (about 1.8e308)");
                }
            }
        }

        return value;
    }

    /// <summary>Runs one top-level evaluation; its failure becomes a diagnostic, never an exception.</summary>
    private Value? Guarded(Func<Value> evaluate)
    {
        try
        {
            return evaluate();
        }
        catch (EvaluationError error)
        {
            // With static errors, a node the checker could not bind is one that depends on them: quiet.
            if (error.Diagnostic is { } diagnostic && (erroneous is null || diagnostic.Code != Codes.InternalError))
            {
                diagnostics.Add(diagnostic);
            }

            return null;
        }
        catch (Exception e) when (erroneous is not null && e is not OperationCanceledException and not OutOfMemoryException)
        {
            // Only reached in a program with static errors, by something the checker left half-bound.
            return null;
        }
    }

    private Value Eval(Expr expr, Frame frame)
    {
        cancellation.ThrowIfCancellationRequested();
        return EvalNode(expr, frame);
    }

    private Value EvalNode(Expr expr, Frame frame) => expr switch
    {
        NumberExpr n => Quantity.Dimensionless(n.Value),
        QuantityExpr q => Unit(q),
        NameExpr name => EvalName(name, frame),
        MemberExpr member => EvalMember(member, frame),
        CallExpr call => EvalCall(call, frame),
        ListExpr list => new ListValue([.. list.Items.Select(item => Eval(item, frame))]),
        ParenExpr paren => Eval(paren.Inner, frame),
        UnaryExpr unary => EvalUnary(unary, frame),
        BinaryExpr binary => EvalBinary(binary, frame),
        RangeExpr range => EvalRange(range, frame),
        IfExpr conditional => EvalIf(conditional, frame),
        ConvertExpr convert => EvalConvert(convert, frame),
        _ => throw Fail(Codes.InternalError, expr.Span, $"cannot evaluate {expr.GetType().Name}"),
    };

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

    private Value LetValue(LetSymbol let) =>
        sweptLets.TryGetValue(let, out var swept) ? swept
        : erroneous?.Contains(let) == true ? throw new EvaluationError(null)
        : Memo(lets, let, let, let.Name, () => Eval(let.Value, Frame.Global));

    /// <summary>
    /// Evaluates each sweep's values (exact numbers) and lays them out as vectors over the grid's
    /// points, first axis outermost; a swept let or field then yields its vector.
    /// </summary>
    private bool PrepareSweeps()
    {
        var stride = gridPoints;
        foreach (var sweep in program.Sweeps)
        {
            stride /= sweep.Count;
            var items = sweep.Decl.Values.Items;
            var dimension = (sweep.Type as QuantityType)?.Dimension ?? Units.Dimension.None;
            var values = sweep.Constants;
            if (values is null)
            {
                values = new double[items.Length];
                for (var i = 0; i < items.Length; i++)
                {
                    if (Guarded(() => Eval(items[i], Frame.Global)) is not Quantity { Magnitude.IsExact: true } value)
                    {
                        diagnostics.Error(Codes.BadDistribution, items[i].Span, $"the values of sweep {sweep.Path} must be exact numbers");
                        return false;
                    }

                    values[i] = value.Magnitude.Value;
                }
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

            var written = items[0] switch
            {
                QuantityExpr q => q.Unit,
                ConvertExpr c => c.Unit,
                _ => null,
            };
            axes.Add(new SweepAxis(sweep.Path, values, dimension, written is null ? null : program.UnitSyntax.GetValueOrDefault(written), written?.Text));
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

        return Memo(fields, (block, name), (block, name), $"{block.Name}.{name}", () => Eval(field.Value, new Frame([], block, null)));
    }

    private Value Memo<TKey>(Dictionary<TKey, Value?> memo, TKey key, object marker, string name, Func<Value> compute)
        where TKey : notnull
    {
        if (memo.TryGetValue(key, out var known))
        {
            return known ?? throw new EvaluationError(null);
        }

        if (!inProgress.Add(marker))
        {
            // The checker rejects cycles; this guards the evaluator should one slip through.
            throw new EvaluationError(new Diagnostic(Severity.Error, Codes.DefinitionCycle, "definitions depend on each other in a cycle", null));
        }

        computing.Add(name);
        try
        {
            var value = compute();
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
            inProgress.Remove(marker);
            computing.RemoveAt(computing.Count - 1);
        }
    }

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

        var left = Eval(binary.Left, frame);
        var right = Eval(binary.Right, frame);
        if (left is Truth lt && right is Truth rt)
        {
            var equal = Magnitude.Zip(lt.Magnitude, rt.Magnitude, (a, b) => a == b ? 1 : 0);
            return new Truth(binary.Op == BinaryOp.Equal ? equal : equal.Map(e => 1 - e));
        }

        var l = (Quantity)left;
        var r = (Quantity)right;
        var into = Temporary(binary.Left, l) ?? Temporary(binary.Right, r);
        switch (binary.Op)
        {
            case BinaryOp.Add:
                return Checked(new Quantity(Magnitude.Add(l.Magnitude, r.Magnitude, into), l.Dimension), binary.OpSpan, "this sum");
            case BinaryOp.Subtract:
                return Checked(new Quantity(Magnitude.Subtract(l.Magnitude, r.Magnitude, into), l.Dimension), binary.OpSpan, "this difference");
            case BinaryOp.Multiply:
                return Checked(new Quantity(Magnitude.Multiply(l.Magnitude, r.Magnitude, into), l.Dimension * r.Dimension), binary.OpSpan, "this product");
            case BinaryOp.Divide:
                if (r.Magnitude.ContainsZero)
                {
                    throw Fail(Codes.DivisionByZero, binary.OpSpan, $"division by zero: {binary.Right.Span.Text} is 0");
                }

                return Checked(new Quantity(Magnitude.Divide(l.Magnitude, r.Magnitude, into), l.Dimension / r.Dimension), binary.OpSpan, "this quotient");
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

        key = key.Stream(stream);
        var draws = new double[Layout.Samples];
        fill(new RandomSource(key.Seed(sampling.Seed)), draws);
        if (drawn.Add(key))
        {
            inputs.Add(new UncertainInput(computing.Count > 0 ? computing[^1] : site.Span.Text, site.Span, draws));
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

    private Value EvalCall(CallExpr call, Frame frame)
    {
        var binding = (CallBinding)program.Bindings[call];
        if (binding.User is { } fn)
        {
            if (erroneous?.Contains(fn) == true)
            {
                throw new EvaluationError(null);
            }

            var arguments = binding.ArgumentOrder.Select(i => Eval(call.Arguments[i].Value, frame)).ToArray();
            // Each call site (and each path of calls to it) draws anew: the call's key joins the path.
            var site = SiteKey(call);
            return Eval(fn.Decl.Body, new Frame(arguments, null, frame.CallPath is { } outer ? site.Through(outer) : site));
        }

        var builtin = binding.Builtin!;
        List<Value> values;
        if (builtin.Variadic)
        {
            values = [.. call.Arguments.Select(a => Eval(a.Value, frame))];
            if (values is [ListValue list])
            {
                values = [.. list.Items];
            }
        }
        else
        {
            values = [.. binding.ArgumentOrder.Select((argument, p) => argument >= 0 ? Eval(call.Arguments[argument].Value, frame) : builtin.Parameters[p].Default ?? (Value)Absent.Instance)];
        }

        var result = builtin.Invoke(values, new CallContext(this, call, frame));
        return result is Quantity q ? Checked(q, call.Span, $"{call.Callee}(...)") : result;
    }

    private sealed class CallContext(EvaluationSession run, CallExpr call, Frame frame) : ICallContext
    {
        public Value? Field(BlockSymbol block, string field) => run.FieldValueOrNull(block, field);

        public Exception Fail(DiagnosticCode code, string message) => EvaluationSession.Fail(code, call.Span, $"{call.Callee}: {message}");

        public Layout Layout => run.Layout;

        public Magnitude Sample(Action<RandomSource, Span<double>> fill) => run.Sample(call, frame, fill);

        public Magnitude Sample(string stream, Action<RandomSource, Span<double>> fill) => run.Sample(call, frame, fill, stream);
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
