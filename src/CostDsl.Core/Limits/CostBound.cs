using System.Globalization;
using CostDsl.Diagnostics;
using CostDsl.Functions;
using CostDsl.Runtime;
using CostDsl.Semantics;
using CostDsl.Syntax;
using CostDsl.Text;

namespace CostDsl.Limits;

/// <summary>
/// The static cost bound of a checked program (after CEL's cost estimator): before anything runs,
/// an upper bound of the evaluation steps (expression nodes, with user functions expanded at every
/// call) and of the values held at once, compared with <see cref="CostLimits"/>. Only what the
/// outputs, asserts and sweeps reach is counted, each let and field once, because the evaluator
/// memoises them. A call is counted once per body when the evaluator is sure to share it
/// (<see cref="SharedCalls"/>): the program is exact (nothing uncertain, nothing swept), so every
/// argument is exact, and the same function is called with structurally equal arguments in the same
/// expression. So <c>fn f1(x) = f0(x) + f0(x)</c> … costs a step per line, while the same chain over
/// an uncertain value is 2^30 calls and is refused. Works on programs with static errors too (they
/// are partly evaluated): unbound nodes are leaves, and a recursive call counts nothing.
/// </summary>
public sealed class CostBound
{
    // Values a runtime may hold besides lets, fields, sweeps and draws: the operands on the stack of
    // the expression being evaluated and the result being reported.
    private const int Temporaries = 8;

    private readonly CheckedProgram program;
    private readonly bool shares;
    private readonly CancellationToken cancellation;
    private readonly Dictionary<FnSymbol, Work> functions = [];
    private readonly HashSet<FnSymbol> expanding = [];
    private readonly HashSet<LetSymbol> lets = [];
    private readonly HashSet<BlockSymbol> blocks = [];
    private readonly Queue<Expr> pending = new();
    private readonly Queue<BlockSymbol> queuedBlocks = new();
    private long distributions;
    private CallExpr? heaviest;
    private Work heaviestWork;
    private bool atTop;

    private CostBound(CheckedProgram program, CancellationToken cancellation)
    {
        this.program = program;
        this.cancellation = cancellation;
        shares = !program.IsUncertain && program.Sweeps.Count == 0;
    }

    /// <summary>The work and memory one evaluation with <paramref name="samples"/> samples may take, at most.</summary>
    public static CostEstimate Estimate(CheckedProgram program, int samples, CancellationToken cancellation = default) =>
        new CostBound(program, cancellation).Run(samples);

    /// <summary>
    /// Refuses a program whose bound is over a limit: an error at the costliest call (or the first
    /// sweep) naming the limit, how to raise it and the spec's figure. False when refused.
    /// </summary>
    public static bool Enforce(CheckedProgram program, CostLimits limits, int samples, DiagnosticBag diagnostics, CancellationToken cancellation = default)
    {
        var estimate = Estimate(program, samples, cancellation);
        var fits = true;
        if (estimate.Steps > limits.MaxSteps)
        {
            var at = estimate.HeaviestCall?.Span ?? FirstOutput(program);
            var why = estimate.HeaviestCall is { } call
                ? $" ({call.Callee}(...) here expands to about {Figure(estimate.HeaviestCallCalls)} calls of user functions)"
                : string.Empty;
            diagnostics.Error(Codes.StepLimit, at, $"this spec needs about {Figure(estimate.Steps)} evaluation steps{why}; the limit is {Figure(limits.MaxSteps)} ({limits.StepsSetting})");
            fits = false;
        }

        // Past EvaluationSession.MaxValues a single vector is already refused (CD0003, at the sweep).
        if (estimate.Bytes > limits.MaxMemoryBytes && estimate.ValuesPerVector <= EvaluationSession.MaxValues)
        {
            var at = program.Sweeps.Count > 0 ? program.Sweeps[0].Decl.Span : FirstOutput(program);
            var shape = $"{estimate.Points.ToString("N0", CultureInfo.InvariantCulture)} sweep point{(estimate.Points == 1 ? string.Empty : "s")} x {estimate.Samples.ToString("N0", CultureInfo.InvariantCulture)} sample{(estimate.Samples == 1 ? string.Empty : "s")}";
            diagnostics.Error(
                Codes.MemoryLimit,
                at,
                $"this spec may hold about {Bytes(estimate.Bytes)} at once ({estimate.LiveVectors.ToString("N0", CultureInfo.InvariantCulture)} values of {shape}); the limit is {Bytes(limits.MaxMemoryBytes)} ({limits.MemorySetting}); use fewer samples or sweep points");
            fits = false;
        }

        return fits;
    }

    /// <summary>A figure for a message: exact below a million, then a power of two or of ten.</summary>
    public static string Figure(double value)
    {
        if (double.IsInfinity(value) || value > 1e300)
        {
            return "more than 10^300";
        }

        if (value < 1e6)
        {
            return value.ToString("N0", CultureInfo.InvariantCulture);
        }

        var ten = Math.Log10(value);
        if (Math.Abs(ten - Math.Round(ten)) < 1e-9)
        {
            return $"10^{Math.Round(ten).ToString(CultureInfo.InvariantCulture)}";
        }

        var two = Math.Round(Math.Log2(value));
        return Math.Abs((value / Math.Pow(2, two)) - 1) < 0.05
            ? $"2^{two.ToString(CultureInfo.InvariantCulture)}"
            : value.ToString("0.#e0", CultureInfo.InvariantCulture);
    }

    /// <summary>Bytes for a message, in binary units: 1 GiB, 3.2 GiB.</summary>
    public static string Bytes(double bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
        var unit = 0;
        while (bytes >= 1024 && unit < units.Length - 1)
        {
            bytes /= 1024;
            unit++;
        }

        return $"{bytes.ToString(bytes < 10 ? "0.#" : "0", CultureInfo.InvariantCulture)} {units[unit]}";
    }

    private static SourceSpan FirstOutput(CheckedProgram program) =>
        program.Outputs.Count > 0 ? program.Outputs[0].NameSpan : program.Model.Root.Span(0, 0);

    private CostEstimate Run(int samples)
    {
        var work = default(Work);
        foreach (var output in program.Outputs)
        {
            ReachLet(output.Value);
        }

        foreach (var assert in program.Asserts)
        {
            pending.Enqueue(assert.Condition);
        }

        var points = 1.0;
        var blockRuns = 1.0;
        foreach (var sweep in program.Sweeps)
        {
            points *= sweep.Count;

            // A sweep over blocks evaluates the program once per block (Runtime/BlockGrid), each block's fields too.
            if (sweep.IsBlocks)
            {
                blockRuns *= sweep.Count;
                foreach (var block in sweep.Blocks)
                {
                    ReachBlock(block);
                }
            }

            if (sweep.Constants is null)
            {
                foreach (var item in sweep.Decl.Values.Items)
                {
                    pending.Enqueue(item);
                }
            }
        }

        // Every reached let and field is evaluated once; what they reach joins the queue.
        var blockFields = new Queue<(BlockSymbol Block, FieldSymbol Field)>();
        var fieldsSeen = 0L;
        while (pending.Count > 0 || blockFields.Count > 0 || queuedBlocks.Count > 0)
        {
            cancellation.ThrowIfCancellationRequested();
            while (queuedBlocks.TryDequeue(out var block))
            {
                foreach (var field in block.Fields)
                {
                    blockFields.Enqueue((block, field));
                }
            }

            if (pending.TryDequeue(out var next))
            {
                work += Top(next);
            }
            else if (blockFields.TryDequeue(out var field))
            {
                fieldsSeen++;
                work += Top(field.Field.Value);
            }
        }

        samples = program.IsUncertain ? Math.Max(samples, 1) : 1;
        var values = points * samples;
        var live = lets.Count + fieldsSeen + program.Sweeps.Count + distributions + Temporaries;
        return new CostEstimate(work.Steps * blockRuns, work.Calls * blockRuns, live, values, points, samples, heaviest, heaviestWork.Steps, heaviestWork.Calls);
    }

    private void ReachLet(LetSymbol let)
    {
        if (lets.Add(let))
        {
            pending.Enqueue(let.Value);
        }
    }

    private void ReachBlock(BlockSymbol block)
    {
        if (blocks.Add(block))
        {
            queuedBlocks.Enqueue(block);
        }
    }

    /// <summary>A let's, field's or assert's expression: the calls in it are candidates for the heaviest.</summary>
    private Work Top(Expr expr)
    {
        atTop = true;
        if (expr is NumberExpr or QuantityExpr)
        {
            // A literal is one step that reaches nothing: its hash (a formatted string) and a set of shared calls
            // would be made for nothing, once per declaration of a spec of 100,000 literals.
            return Work.Step;
        }

        return Measure(expr, shares ? new HashSet<(FnSymbol, ulong)>() : null).Work;
    }

    /// <summary>The steps of one expression and its structural hash (equal for equal text up to spacing).</summary>
    private (Work Work, ulong Hash) Measure(Expr expr, HashSet<(FnSymbol, ulong)>? shared) => expr.Accept(new Measuring(this, shared));

    /// <summary>
    /// The steps and structural hash of each kind of node; a visitor, so that a new kind must be
    /// costed here to compile. Kinds 1 to 10 keep the hashes the type switch gave.
    /// </summary>
    private sealed class Measuring(CostBound bound, HashSet<(FnSymbol, ulong)>? shared) : IExprVisitor<(Work Work, ulong Hash)>
    {
        public (Work Work, ulong Hash) VisitName(NameExpr name)
        {
            switch (bound.program.Bindings.GetValueOrDefault(name))
            {
                case LetBinding l:
                    bound.ReachLet(l.Let);
                    break;
                case BlockBinding b:
                    bound.ReachBlock(b.Block);
                    break;
            }

            return (Work.Step, Mix(1, name.Name));
        }

        public (Work Work, ulong Hash) VisitNumber(NumberExpr number) =>
            (Work.Step, Mix(2, BitConverter.DoubleToInt64Bits(number.Value).ToString(CultureInfo.InvariantCulture)));

        public (Work Work, ulong Hash) VisitQuantity(QuantityExpr quantity) =>
            (Work.Step, Mix(3, $"{BitConverter.DoubleToInt64Bits(quantity.Number.Value)} {quantity.Unit.Text}"));

        public (Work Work, ulong Hash) VisitCall(CallExpr call) => bound.MeasureCall(call, shared);

        public (Work Work, ulong Hash) VisitRange(RangeExpr range)
        {
            bound.distributions++;
            return bound.Combine(range, 4, string.Empty, shared);
        }

        public (Work Work, ulong Hash) VisitMember(MemberExpr member) => bound.Combine(member, 5, member.Member, shared);

        public (Work Work, ulong Hash) VisitBinary(BinaryExpr binary) => bound.Combine(binary, 6, binary.Op.ToString(), shared);

        public (Work Work, ulong Hash) VisitUnary(UnaryExpr unary) => bound.Combine(unary, 7, unary.Op.ToString(), shared);

        public (Work Work, ulong Hash) VisitConvert(ConvertExpr convert) => bound.Combine(convert, 8, convert.Unit.Text, shared);

        public (Work Work, ulong Hash) VisitList(ListExpr list) => bound.Combine(list, 9, nameof(ListExpr), shared);

        public (Work Work, ulong Hash) VisitParen(ParenExpr paren) => bound.Combine(paren, 9, nameof(ParenExpr), shared);

        public (Work Work, ulong Hash) VisitIf(IfExpr conditional) => bound.Combine(conditional, 9, nameof(IfExpr), shared);
    }

    private (Work Work, ulong Hash) Combine(Expr expr, ulong kind, string payload, HashSet<(FnSymbol, ulong)>? shared)
    {
        var work = Work.Step;
        var hash = Mix(kind, payload);
        foreach (var child in SyntaxWalker.Children(expr))
        {
            var (childWork, childHash) = Measure(child, shared);
            work += childWork;
            hash = Mix(hash, childHash);
        }

        return (work, hash);
    }

    private (Work Work, ulong Hash) MeasureCall(CallExpr call, HashSet<(FnSymbol, ulong)>? shared)
    {
        var top = atTop;
        atTop = false;
        var binding = program.Bindings.GetValueOrDefault(call) as CallBinding;
        var (work, hash) = Combine(call, 10, call.Callee + "(" + string.Join(",", call.Arguments.Select(a => a.Name)), shared);
        if (binding?.Builtin is { IsDistribution: true })
        {
            distributions++;
        }

        if (binding?.User is { } fn && (shared is null || shared.Add((fn, hash))))
        {
            var body = Expand(fn);
            var expansion = new Work(body.Steps, body.Calls + 1);
            work += expansion;
            if (top && (heaviest is null || expansion.Steps > heaviestWork.Steps))
            {
                heaviest = call;
                heaviestWork = expansion;
            }
        }

        atTop = top;
        return (work, hash);
    }

    /// <summary>One evaluation of a function's body, computed once per function.</summary>
    private Work Expand(FnSymbol fn)
    {
        if (functions.TryGetValue(fn, out var known))
        {
            return known;
        }

        // Recursion is a static error and such a function is never evaluated.
        if (!expanding.Add(fn))
        {
            return default;
        }

        cancellation.ThrowIfCancellationRequested();
        var top = atTop;
        atTop = false;
        var work = Measure(fn.Decl.Body, shares ? [] : null).Work;
        atTop = top;
        expanding.Remove(fn);
        functions[fn] = work;
        return work;
    }

    private static ulong Mix(ulong hash, string payload)
    {
        // FNV-1a over the payload, seeded by the node's kind or its parent's hash so far.
        hash ^= 14695981039346656037UL;
        foreach (var c in payload)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }

    private static ulong Mix(ulong hash, ulong child) => ((hash ^ child) * 1099511628211UL) + 0x9E3779B97F4A7C15UL;

    /// <summary>Steps and user-function calls; saturates at infinity rather than wrapping.</summary>
    private readonly record struct Work(double Steps, double Calls)
    {
        public static readonly Work Step = new(1, 0);

        public static Work operator +(Work a, Work b) => new(a.Steps + b.Steps, a.Calls + b.Calls);
    }
}
