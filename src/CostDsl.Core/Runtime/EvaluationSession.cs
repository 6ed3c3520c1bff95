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
/// checked program may be evaluated by many sessions on many threads at once. This file holds the
/// run (outputs, asserts, the guard around each); EvaluationSession.Declarations, .Expressions and
/// .Calls hold the rest, one concern a file.
/// </summary>
public sealed partial class EvaluationSession
{
    private readonly CheckedProgram program;
    private readonly DiagnosticBag diagnostics;
    private readonly CancellationToken cancellation;
    private readonly Sampling sampling;
    private readonly Limits.SharedCalls shared;

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
        shared = new Limits.SharedCalls(program);

        // A spec without uncertainty is evaluated exactly: one sample, no random numbers at all.
        // A sweep grid adds points; every vector holds points x samples values.
        // Sweeps over blocks are not in the vectors: BlockGrid runs one session per block point.
        var points = GridSize.Points(program.Sweeps.Where(s => !s.IsBlocks));
        var samples = program.IsUncertain ? this.sampling.Samples : 1;
        tooLarge = GridSize.TooLarge(points, samples);
        var fits = tooLarge is null;
        var part = this.sampling.Part;
        gridPoints = fits ? (int)points : 1;
        (firstPoint, var count) = part.Window(gridPoints);
        partError = fits ? GridSize.TooFewPoints(part, points) : null;
        Layout = fits && partError is null ? new Layout(count, samples) : new Layout(1, 1);
    }

    /// <summary>
    /// One block point of a grid with sweeps over blocks (<see cref="BlockGrid"/>): each swept let names
    /// its block, and the points <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/>
    /// of the numeric grid are evaluated. Asserts are not judged here but over the whole grid.
    /// </summary>
    internal EvaluationSession(CheckedProgram program, DiagnosticBag diagnostics, Sampling sampling, CancellationToken cancellation, ErroneousDeclarations? erroneous, IReadOnlyDictionary<LetSymbol, BlockSymbol> blocks, int first, int count)
        : this(program, diagnostics, sampling with { Part = GridPart.Whole }, cancellation, erroneous)
    {
        foreach (var (let, block) in blocks)
        {
            sweptLets[let] = new BlockValue(block);
        }

        firstPoint = first;
        Layout = new Layout(count, Layout.Samples);
        judging = false;
    }

    /// <summary>The most values one vector may hold (160 MB of doubles).</summary>
    public const long MaxValues = 20_000_000;

    private readonly string? tooLarge;
    private readonly string? partError;
    private readonly int gridPoints;
    private readonly int firstPoint;
    private readonly bool judging = true;
    private readonly List<(AssertDecl Assert, Magnitude Truth)> truths = [];

    /// <summary>The asserts' conditions when a <see cref="BlockGrid"/> judges them (this session's points only).</summary>
    internal IReadOnlyList<(AssertDecl Assert, Magnitude Truth)> AssertTruths => truths;
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
    private readonly DependencyPath<object> inProgress = new();

    /// <summary>The value of a let or an output; null after an error (reported in the diagnostics).</summary>
    public Value? TryLet(LetSymbol let) => Guarded(let.NameSpan, () => LetValue(let));

    /// <summary>The value of a block's field; null after an error.</summary>
    public Value? TryField(BlockSymbol block, string field) => Guarded(block.NameSpan, () => FieldValue(block, field));

    /// <summary>
    /// The value of any expression of the program, evaluated where it stands: inside
    /// <paramref name="self"/> when it belongs to that block's fields. Null after an error.
    /// Expressions inside a function body need the function's arguments and are not evaluated alone.
    /// </summary>
    public Value? TryEvaluate(Expr expr, BlockSymbol? self = null) => Guarded(expr.Span, () => Eval(expr, new Frame([], self, null)));

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
            if (Guarded(output.NameSpan, (Session: this, Output: output), static s => s.Session.Reportable(s.Output, s.Session.LetValue(s.Output.Value))) is { } value)
            {
                outputs.Add(new OutputValue(output.Name, value, output.DisplayUnit, output.UnitText) { WrittenUnit = value is Quantity q && output.WrittenUnit?.Dimension == q.Dimension ? output.WrittenUnit : null });
            }
        }

        var asserts = new List<AssertOutcome>();
        foreach (var assert in program.Asserts.Where(a => erroneous?.Contains(a) != true))
        {
            if (Guarded(assert.Condition.Span, () => Eval(assert.Condition, Frame.Global)) is Truth truth)
            {
                if (!judging)
                {
                    truths.Add((assert, truth.Magnitude));
                }
                else if (JudgeAssert(assert, truth.Magnitude, Grid(), diagnostics) is { } outcome)
                {
                    asserts.Add(outcome);
                }
            }
        }

        return new Evaluation(outputs, asserts, Layout, axes) { UncertainInputs = inputs, Part = sampling.Part, GridPoints = gridPoints };
    }

    /// <summary>The grid's shape without values: what names a point.</summary>
    private Evaluation Grid() => new([], [], Layout, axes) { Part = sampling.Part, GridPoints = gridPoints };

    /// <summary>
    /// An assert holds at a sweep point when its condition is true in every sample there. A condition
    /// that is true in some samples of a point and false in others is uncertain (CD0406); one that is
    /// the same throughout each point (an exact one, a P(...) or a percentile) never is, however it
    /// varies from point to point. A failure names the points where it failed.
    /// </summary>
    internal static AssertOutcome? JudgeAssert(AssertDecl assert, Magnitude truth, Evaluation grid, DiagnosticBag diagnostics)
    {
        var (layout, axes) = (grid.Layout, grid.Axes);
        var failing = new List<int>();
        for (var point = 0; point < layout.Points; point++)
        {
            var first = truth.IsExact ? truth.Value : truth.At(point * layout.Samples);
            for (var sample = 1; !truth.IsExact && sample < layout.Samples; sample++)
            {
                if (truth.At((point * layout.Samples) + sample) != first)
                {
                    diagnostics.Error(Codes.UncertainAssert, assert.Condition.Span, $"this condition is uncertain (true in some samples, false in others{AtPoints([point], grid)}); say what the assert tests: P(condition) > 95%, or percentile(x, 95%) < limit");
                    return null;
                }
            }

            if (first != 1)
            {
                failing.Add(point);
            }
        }

        var outcome = new AssertOutcome(assert, (double)(layout.Points - failing.Count) / layout.Points) { FailingPoints = axes.Count == 0 ? [] : failing };
        if (!outcome.Passed)
        {
            diagnostics.Error(Codes.AssertFailed, assert.Condition.Span, $"assert failed: {outcome.Message}{AtPoints(outcome.FailingPoints, grid)}");
        }

        return outcome;
    }

    /// <summary>" at chat.users = 2000, at ...": the sweep points named by their input values (the first few).</summary>
    private static string AtPoints(IReadOnlyList<int> points, Evaluation grid)
    {
        if (grid.Axes.Count == 0 || points.Count == 0)
        {
            return string.Empty;
        }

        const int Shown = 5;
        var named = points.Take(Shown).Select(grid.DescribePoint);
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

    /// <summary>Runs one top-level evaluation (of what stands at <paramref name="at"/>); its failure becomes a diagnostic, never an exception.</summary>
    private Value? Guarded(SourceSpan at, Func<Value> evaluate) => Guarded(at, evaluate, static evaluate => evaluate());

    /// <summary><see cref="Guarded(SourceSpan, Func{Value})"/> with the state passed in: a static lambda makes no closure (one per output).</summary>
    private Value? Guarded<TState>(SourceSpan at, TState state, Func<TState, Value> evaluate)
    {
        try
        {
            return evaluate(state);
        }
        catch (EvaluationError error)
        {
            // No diagnostic: the failure was reported before (a let that failed once, or a declaration
            // with a static error of its own, and whatever uses either).
            if (error.Diagnostic is { } diagnostic)
            {
                diagnostics.Add(diagnostic);
            }

            return null;
        }
        catch (Exception e) when (erroneous is not null && e is not OperationCanceledException and not OutOfMemoryException)
        {
            // Declarations with static errors never start evaluating (see ErroneousDeclarations), so
            // an exception here comes from an independent one: a bug of ours, said as CD0999 as the
            // engine says it for a program without static errors, and the other declarations still run.
            diagnostics.Error(Codes.InternalError, at, Engine.InternalErrors.Message(at.File.Path, e));
            return null;
        }
    }
}
