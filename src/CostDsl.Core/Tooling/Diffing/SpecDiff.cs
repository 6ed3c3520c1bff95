using CostDsl.Diagnostics;
using CostDsl.Engine;
using CostDsl.Runtime;
using CostDsl.Semantics;
using CostDsl.Syntax;
using CostDsl.Text;

namespace CostDsl.Tooling.Diffing;

/// <summary>
/// <c>costdsl diff</c>: evaluates two versions of a spec and reports only what really changed: outputs
/// whose values differ, and the assumptions whose own definitions changed to another value. A
/// rewording that keeps the value (<c>1000</c> to <c>1_000</c>, <c>a * 2</c> to <c>2 * a</c>) is no change.
/// </summary>
public static class SpecDiff
{
    /// <summary>Values this close are equal: a formula rearranged may round differently in the last bits.</summary>
    private const double RelativeTolerance = 1e-12;

    public static DiffResult Compare(SourceFile oldFile, SourceFile newFile, EvaluationOptions? options = null, CostEngine? engine = null)
    {
        engine ??= new CostEngine();
        return Compare(oldFile, newFile, options, engine, engine);
    }

    /// <summary>Two sides whose imports come from where each was read: the working tree, or a git revision.</summary>
    public static DiffResult Compare(DiffSide oldSide, DiffSide newSide, EvaluationOptions? options = null, TimeSpan? timeLimit = null, Limits.CostLimits? limits = null) =>
        Compare(oldSide.File, newSide.File, options, new CostEngine(oldSide.Sources) { TimeLimit = timeLimit, Limits = limits ?? Limits.CostLimits.Default }, new CostEngine(newSide.Sources) { TimeLimit = timeLimit, Limits = limits ?? Limits.CostLimits.Default });

    private static DiffResult Compare(SourceFile oldFile, SourceFile newFile, EvaluationOptions? options, CostEngine oldEngine, CostEngine newEngine)
    {
        var (oldProgram, oldDiagnostics) = oldEngine.Check(oldFile, options);
        var (newProgram, newDiagnostics) = newEngine.Check(newFile, options);
        var diagnostics = new DiagnosticBag();
        diagnostics.AddRange(oldDiagnostics);
        diagnostics.AddRange(newDiagnostics);
        if (oldProgram is null || newProgram is null)
        {
            return new DiffResult(oldFile.Path, newFile.Path, false, [], 0, [], diagnostics.Sorted());
        }

        if (Evaluate(oldFile, oldProgram, oldEngine.TimeLimit, diagnostics) is not { } oldSide
            || Evaluate(newFile, newProgram, newEngine.TimeLimit, diagnostics) is not { } newSide)
        {
            return new DiffResult(oldFile.Path, newFile.Path, false, [], 0, [], diagnostics.Sorted());
        }

        var (outputs, unchanged) = CompareOutputs(oldSide, newSide);
        var assumptions = CompareAssumptions(oldSide, newSide);
        return new DiffResult(oldFile.Path, newFile.Path, true, outputs, unchanged, assumptions, diagnostics.Sorted())
        {
            Runs = new DiffRuns(oldProgram, oldSide.Evaluation, oldSide.Outputs, newProgram, newSide.Evaluation, newSide.Outputs),
        };
    }

    /// <summary>One side evaluated within <paramref name="timeLimit"/>, as <c>costdsl eval</c> is (CD0003 past it); null when it was stopped.</summary>
    private static Side? Evaluate(SourceFile file, CheckedProgram program, TimeSpan? timeLimit, DiagnosticBag diagnostics)
    {
        using var limit = new CancellationTokenSource();
        if (timeLimit is { } time)
        {
            limit.CancelAfter(time);
        }

        try
        {
            return new Side(program, diagnostics, limit.Token);
        }
        catch (OperationCanceledException) when (timeLimit is { } stopped)
        {
            diagnostics.Add(CostEngine.TimeLimitExceeded(file, stopped));
            return null;
        }
    }

    private static (List<OutputChange> Changes, int Unchanged) CompareOutputs(Side oldSide, Side newSide)
    {
        var changes = new List<OutputChange>();
        var unchanged = 0;
        var oldOutputs = oldSide.Outputs.ToDictionary(o => o.Name, o => o.Value, StringComparer.Ordinal);
        var newNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var output in newSide.Outputs.Select(o => o.Value))
        {
            newNames.Add(output.Name);
            var shown = Shown(output);
            if (!oldOutputs.TryGetValue(output.Name, out var before))
            {
                changes.Add(new OutputChange(output.Name, ChangeStatus.Added, null, shown, null, null));
                continue;
            }

            if (SameValue(before.Value, output.Value))
            {
                unchanged++;
                continue;
            }

            var (absolute, relative) = Change(before, output.Value);
            changes.Add(new OutputChange(output.Name, ChangeStatus.Changed, Shown(before), shown, absolute, relative));
        }

        foreach (var output in oldSide.Outputs.Select(o => o.Value).Where(o => !newNames.Contains(o.Name)))
        {
            changes.Add(new OutputChange(output.Name, ChangeStatus.Removed, Shown(output), null, null, null));
        }

        return (changes, unchanged);
    }

    private static ShownValue Shown(OutputValue output) => ShownValue.Of(output.Value, output.DisplayUnit, output.UnitText);

    private static (ShownValue? Absolute, double? Relative) Change(OutputValue before, Value after)
    {
        if (before.Value is not Quantity old || after is not Quantity now || old.Dimension != now.Dimension)
        {
            return (null, null);
        }

        var delta = new Quantity(Magnitude.Exact(now.Magnitude.Value - old.Magnitude.Value), old.Dimension);
        var relative = old.Magnitude.Value == 0 ? (double?)null : (now.Magnitude.Value - old.Magnitude.Value) / Math.Abs(old.Magnitude.Value);
        return (ShownValue.Of(delta, before.DisplayUnit, before.UnitText), relative);
    }

    public static bool SameValue(Value? a, Value? b) => (a, b) switch
    {
        (Quantity x, Quantity y) => x.Dimension == y.Dimension && Close(x.Magnitude.Value, y.Magnitude.Value)
            && (x.Magnitude.IsExact == y.Magnitude.IsExact) && (x.Magnitude.IsExact || Close(x.Magnitude.Mean, y.Magnitude.Mean)),
        (Truth x, Truth y) => Close(x.Probability, y.Probability),
        (BlockValue x, BlockValue y) => x.Block.Name == y.Block.Name,
        (ListValue x, ListValue y) => x.Items.Length == y.Items.Length && x.Items.Zip(y.Items).All(p => SameValue(p.First, p.Second)),
        (null, null) => true,
        _ => false,
    };

    private static bool Close(double a, double b) => a == b || Math.Abs(a - b) <= RelativeTolerance * Math.Max(Math.Abs(a), Math.Abs(b));

    private static List<AssumptionChange> CompareAssumptions(Side oldSide, Side newSide)
    {
        var changes = new List<AssumptionChange>();

        var oldLets = oldSide.Program.Model.Lets.Where(l => !l.IsOutput).ToDictionary(l => l.Name, StringComparer.Ordinal);
        var newLets = newSide.Program.Model.Lets.Where(l => !l.IsOutput).ToDictionary(l => l.Name, StringComparer.Ordinal);
        foreach (var name in Union(oldLets.Keys, newLets.Keys))
        {
            var before = oldLets.GetValueOrDefault(name);
            var after = newLets.GetValueOrDefault(name);
            Compare(
                changes,
                (oldSide.Program, newSide.Program),
                "let",
                name,
                before?.Value,
                after?.Value,
                () => oldSide.Session.TryLet(before!),
                () => newSide.Session.TryLet(after!),
                (after ?? before)!.Decl.Span,
                after is null ? oldSide.Affects($"let:{name}") : newSide.Affects($"let:{name}"));
        }

        var oldBlocks = oldSide.Program.Model.Blocks.ToDictionary(b => b.Name, StringComparer.Ordinal);
        var newBlocks = newSide.Program.Model.Blocks.ToDictionary(b => b.Name, StringComparer.Ordinal);
        foreach (var name in Union(oldBlocks.Keys, newBlocks.Keys))
        {
            var before = oldBlocks.GetValueOrDefault(name);
            var after = newBlocks.GetValueOrDefault(name);
            if (before is null || after is null)
            {
                var block = (after ?? before)!;
                changes.Add(new AssumptionChange(block.Kind.ToString().ToLowerInvariant(), name, after is null ? ChangeStatus.Removed : ChangeStatus.Added, null, null, block.Decl.Span.File.Path, block.Decl.Span.Line, []));
                continue;
            }

            var oldFields = Own(before);
            var newFields = Own(after);
            foreach (var field in Union(oldFields.Keys, newFields.Keys))
            {
                var was = oldFields.GetValueOrDefault(field);
                var now = newFields.GetValueOrDefault(field);
                var key = $"field:{name}.{field}";
                Compare(
                    changes,
                    (oldSide.Program, newSide.Program),
                    "field",
                    $"{name}.{field}",
                    was?.Value,
                    now?.Value,
                    () => oldSide.Session.TryField(before, field),
                    () => newSide.Session.TryField(after, field),
                    (now ?? was)!.NameSpan,
                    now is null ? oldSide.Affects(key) : newSide.Affects(key));
            }
        }

        var oldUnits = oldSide.Program.Model.Units.ToDictionary(u => u.Name, StringComparer.Ordinal);
        var newUnits = newSide.Program.Model.Units.ToDictionary(u => u.Name, StringComparer.Ordinal);
        foreach (var name in Union(oldUnits.Keys, newUnits.Keys))
        {
            var before = oldUnits.GetValueOrDefault(name);
            var after = newUnits.GetValueOrDefault(name);
            Compare(
                changes,
                (oldSide.Program, newSide.Program),
                "unit",
                name,
                before is null ? null : before.Decl.Definition ?? new NameExpr(name, before.NameSpan),
                after is null ? null : after.Decl.Definition ?? new NameExpr(name, after.NameSpan),
                () => UnitValue(oldSide.Program, name),
                () => UnitValue(newSide.Program, name),
                (after ?? before)!.Decl.Span,
                after is null ? oldSide.Affects($"unit:{name}") : newSide.Affects($"unit:{name}"));
        }

        var oldFunctions = oldSide.Program.Model.Functions;
        var newFunctions = newSide.Program.Model.Functions;
        foreach (var name in Union(oldFunctions.Keys, newFunctions.Keys))
        {
            var before = oldFunctions.GetValueOrDefault(name);
            var after = newFunctions.GetValueOrDefault(name);
            if (before is not null && after is not null && SyntaxEquality.Same(before.Decl, after.Decl))
            {
                continue;
            }

            var declared = (after ?? before)!.Decl.Span;
            var status = before is null ? ChangeStatus.Added : after is null ? ChangeStatus.Removed : ChangeStatus.Changed;
            changes.Add(new AssumptionChange("fn", name, status, null, null, declared.File.Path, declared.Line, after is null ? oldSide.Affects($"fn:{name}") : newSide.Affects($"fn:{name}")));
        }

        return changes;
    }

    private static Dictionary<string, FieldSymbol> Own(BlockSymbol block) =>
        block.OwnFields.GroupBy(f => f.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);

    private static Value? UnitValue(CheckedProgram program, string name) =>
        program.Units.Find(name) is { } unit ? new Quantity(Magnitude.Exact(unit.Scale), unit.Dimension) : null;

    /// <summary>Listed when the definition was reworded and the value moved, or when one side lacks it.</summary>
    private static void Compare(List<AssumptionChange> changes, (CheckedProgram Old, CheckedProgram New) programs, string kind, string name, Expr? before, Expr? after, Func<Value?> oldValue, Func<Value?> newValue, SourceSpan declared, IReadOnlyList<string> affects)
    {
        if (before is not null && after is not null)
        {
            if (SyntaxEquality.Same(before, after))
            {
                return;
            }

            var was = oldValue();
            var now = newValue();
            if (was is not null && SameValue(was, now))
            {
                return;
            }

            changes.Add(new AssumptionChange(kind, name, ChangeStatus.Changed, Show(was, programs.Old, before), Show(now, programs.New, after), declared.File.Path, declared.Line, affects));
            return;
        }

        var status = before is null ? ChangeStatus.Added : ChangeStatus.Removed;
        var value = before is null ? newValue() : oldValue();
        var expr = (after ?? before)!;
        var shown = Show(value, before is null ? programs.New : programs.Old, expr);
        changes.Add(new AssumptionChange(kind, name, status, before is null ? null : shown, before is null ? shown : null, declared.File.Path, declared.Line, affects));
    }

    private static ShownValue Show(Value? value, CheckedProgram program, Expr expr)
    {
        // Shown in the unit written on the value itself, as the checker found it (the same spelling as eval and explain).
        var unit = program.LiteralUnit(expr);
        return ShownValue.Of(value, unit, unit?.Name);
    }

    /// <summary>The names of both sides, each once, by name: the list reads the same however either file orders its declarations.</summary>
    private static IEnumerable<string> Union(IEnumerable<string> a, IEnumerable<string> b) => a.Concat(b).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    /// <summary>One version of the spec: its program, one evaluation, and which outputs rest on what.</summary>
    private sealed class Side
    {
        private readonly Dictionary<string, HashSet<string>> closures = [];

        public Side(CheckedProgram program, DiagnosticBag diagnostics, CancellationToken cancellation)
        {
            Program = program;
            if (program.Sweeps.Any(s => s.IsBlocks))
            {
                // The grid of blocks as eval evaluates it (a session alone evaluates the block each let names); the session
                // then answers only the assumptions, into a bag of its own so that no diagnostic is reported twice.
                Session = new EvaluationSession(program, new DiagnosticBag(), cancellation: cancellation);
                Evaluation = Evaluator.Evaluate(program, diagnostics, null, cancellation);
            }
            else
            {
                Session = new EvaluationSession(program, diagnostics, cancellation: cancellation);
                Evaluation = Session.Run();
            }

            Outputs = PointOutput.Of(Evaluation);
        }

        /// <summary>The outputs compared: each output at each point of the grid, under sweeps.</summary>
        public IReadOnlyList<PointOutput> Outputs { get; }

        public CheckedProgram Program { get; }

        public EvaluationSession Session { get; }

        public Evaluation Evaluation { get; }

        /// <summary>The outputs whose derivation reaches <paramref name="key"/> (<c>let:x</c>, <c>field:B.f</c>, <c>unit:U</c>, <c>fn:f</c>).</summary>
        public IReadOnlyList<string> Affects(string key) =>
            [.. Program.Outputs.Where(o => Closure(o).Contains(key)).Select(o => o.Name)];

        /// <summary>Everything an output's derivation reaches, followed through the checker's dependency map.</summary>
        private HashSet<string> Closure(CheckedOutput output)
        {
            if (closures.TryGetValue(output.Name, out var known))
            {
                return known;
            }

            var reached = new HashSet<string>(StringComparer.Ordinal);
            if (!output.Value.IsOutput)
            {
                // 'output x' names a let: a change of x is a change of this output too.
                reached.Add($"let:{output.Value.Name}");
            }

            var pending = new Stack<Reference>(Program.Dependencies.Of(output.Value));
            while (pending.Count > 0)
            {
                foreach (var next in Expand(pending.Pop(), reached))
                {
                    pending.Push(next);
                }
            }

            closures[output.Name] = reached;
            return reached;
        }

        /// <summary>Marks a reference reached and returns what it reads, the first time it is met.</summary>
        private IEnumerable<Reference> Expand(Reference reference, HashSet<string> reached)
        {
            switch (reference)
            {
                case LetReference l when reached.Add($"let:{l.Let.Name}"):
                    return Program.Dependencies.Of(l.Let);
                case FieldReference f when f.Block.Field(f.Field) is { } field && reached.Add($"field:{f.Block.Name}.{f.Field}"):
                    reached.Add($"field:{field.DeclaredIn.Name}.{f.Field}");
                    return Program.Dependencies.Of(f.Block, f.Field);
                case UnitReference u when Explaining.DependencyFinder.IsAssumption(u.Unit):
                    reached.Add($"unit:{u.Unit.Name}");
                    return [];
                case FunctionReference fn when reached.Add($"fn:{fn.Function.Name}"):
                    return Program.Dependencies.Of(fn.Function);
                case BlockReference b when reached.Add($"block:{b.Block.Name}"):
                    // A function given a whole block may read any of its fields.
                    return b.Block.Fields.Select(f => (Reference)new FieldReference(b.Block, f.Name));
                default:
                    return [];
            }
        }
    }
}
