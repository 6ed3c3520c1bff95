using CostDsl.Diagnostics;
using CostDsl.Syntax;
using CostDsl.Text;
using CostDsl.Units;

namespace CostDsl.Semantics;

/// <summary>
/// The resolver pass: binds every name and call, resolves every unit, computes the dimension of
/// every expression and reports each mismatch at its operator, naming both sides in units. Every
/// declaration is checked, used or not, so that all errors of a file come out in one run.
/// This file holds the run and the declarations (memoized, with the cycle check); each concern has
/// a file of its own: Checker.Units, .Names, .Expressions, .Calls, .Outputs, .Overrides (with .BlockSweeps)
/// and .Messages.
/// </summary>
public sealed partial class Checker
{
    /// <summary>Deeper expressions than this are refused before any recursive pass walks them.</summary>
    public const int MaxExpressionDepth = 50_000;

    private readonly ProgramModel model;
    private readonly DiagnosticBag diagnostics;
    private readonly Dictionary<Expr, Binding> bindings = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<UnitSyntax, Unit> unitSyntax = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<UnitSymbol, Unit?> units = [];
    private readonly Dictionary<LetSymbol, StaticType> letTypes = [];
    private readonly Dictionary<(BlockSymbol Block, string Field), StaticType> fieldTypes = [];
    private readonly Dictionary<(FnSymbol Fn, string Arguments), StaticType> callTypes = [];
    // The units, lets, fields and functions being worked out: meeting one again is a cycle.
    private readonly DependencyPath<object> inProgress = new();
    private readonly HashSet<object> cycleReported = [];
    private readonly HashSet<Expr> tooDeep = new(ReferenceEqualityComparer.Instance);

    private readonly CancellationToken cancellation;
    private Advice.NameHints? nameHints;

    // The files known to check clean (ModuleChecks): their declarations are checked only where reached.
    private readonly ModulePlan? plan;

    // Declarations of those files that the rest reached, each checked as a whole at the top level as the
    // full check would (a block's every field, a function with unknown argument types), so that whatever
    // the evaluator may read of them is bound.
    private readonly Queue<Symbol> reached = new();
    private readonly HashSet<Symbol> reachedSeen = new(ReferenceEqualityComparer.Instance);

    private Checker(ProgramModel model, DiagnosticBag diagnostics, CancellationToken cancellation, ModulePlan? plan)
    {
        this.model = model;
        this.diagnostics = diagnostics;
        this.cancellation = cancellation;
        this.plan = plan;
    }

    /// <summary>Checks the program, with its overrides (bound by the assembler, <see cref="ProgramModel.Overrides"/>).</summary>
    public static CheckedProgram Check(ProgramModel model, DiagnosticBag diagnostics, CancellationToken cancellation = default) =>
        new Checker(model, diagnostics, cancellation, null).Run();

    /// <summary>
    /// Checks the program, the declarations of the files <paramref name="plan"/> knows to check clean only
    /// where reached: the same bindings, types and diagnostics for everything reached, and none elsewhere.
    /// </summary>
    internal static CheckedProgram Check(ProgramModel model, DiagnosticBag diagnostics, ModulePlan? plan, CancellationToken cancellation) =>
        new Checker(model, diagnostics, cancellation, plan).Run();

    /// <summary>Whether a declaration is left unchecked until reached (<see cref="ModulePlan"/>).</summary>
    private bool Skips(Symbol symbol) => plan is not null && plan.Skips(symbol);

    /// <summary>Notes a declaration of a file checked only where reached, once, to check it whole at the top level.</summary>
    private void Reach(Symbol symbol)
    {
        if (plan is not null && plan.Skips(symbol) && reachedSeen.Add(symbol))
        {
            reached.Enqueue(symbol);
        }
    }

    /// <summary>Where an expression is checked: inside a function (its parameters' types) and/or a block.</summary>
    private sealed record Scope(FnSymbol? Fn, IReadOnlyList<StaticType> Arguments, BlockSymbol? Self)
    {
        public static readonly Scope Global = new(null, [], null);
    }

    private CheckedProgram Run()
    {
        foreach (var unit in model.Units.OrderBy(u => u.NameSpan.File.Path, StringComparer.Ordinal).ThenBy(u => u.NameSpan.Start))
        {
            ResolveUnitSymbol(unit);
        }

        foreach (var let in model.Lets)
        {
            if (!Skips(let))
            {
                TypeOfLet(let);
            }
        }

        foreach (var block in model.Blocks)
        {
            if (!Skips(block))
            {
                CheckBlock(block);
            }
        }

        foreach (var fn in model.Functions.Values)
        {
            if (!Skips(fn))
            {
                CheckFunction(fn);
            }
        }

        var asserts = new List<AssertDecl>();
        foreach (var tree in model.Trees)
        {
            if (plan?.Skips(tree.File) == true)
            {
                continue; // a file checked only where reached has no asserts (ModuleChecks records no such file)
            }

            foreach (var assert in tree.OfType<AssertDecl>())
            {
                var type = CheckTop(assert.Condition, Scope.Global);
                if (type is not TruthType && !type.IsError)
                {
                    diagnostics.Error(Codes.TypeMismatch, assert.Condition.Span, $"an assert needs a condition (a comparison), not {Describe(type)}");
                }

                asserts.Add(assert);
            }
        }

        var checkedOutputs = CheckOutputs();
        var sweeps = CheckSweeps();

        // Last, so that what outputs and sweeps reached is checked whole too: a block axis's blocks are read by the
        // builtins the swept let is passed to (tpot reads hw.bf16), whether or not anything else names them.
        CheckReached();
        var declaredUnits = DeclaredUnits();
        var outputs = new List<CheckedOutput>(checkedOutputs.Count);
        foreach (var output in checkedOutputs)
        {
            outputs.Add(output.Complete(declaredUnits.GetValueOrDefault(output.Value.Value)));
        }

        var table = new UnitTable(units.Values.OfType<Unit>());
        var uncertain = IsUncertain();
        return new CheckedProgram(
            model,
            table,
            bindings,
            unitSyntax,
            outputs,
            asserts,
            sweeps,
            uncertain,
            SamplingKeys.Compute(model, sweeps, plan is null ? null : new SamplingKeys.Reached(plan.Skipped, letTypes.Keys, fieldTypes.Keys, reachedSeen.OfType<FnSymbol>())),
            declaredUnits)
        {
            DependenciesSource = Dependencies,
            CheckedWhereReached = plan?.Skipped,
        };
    }

    private void CheckBlock(BlockSymbol block)
    {
        foreach (var field in block.Fields)
        {
            CheckKnownField(block, field, TypeOfField(block, field.Name, field.NameSpan));
        }
    }

    // Checked once with unknown argument types, so that names in a function nobody calls are bound too.
    private void CheckFunction(FnSymbol fn) =>
        CheckTop(fn.Decl.Body, new Scope(fn, fn.Decl.Parameters.Select(_ => StaticType.Error).ToArray(), null));

    /// <summary>The declarations of files checked only where reached that the rest reached, each whole, until no new one is reached.</summary>
    private void CheckReached()
    {
        while (reached.TryDequeue(out var symbol))
        {
            switch (symbol)
            {
                case LetSymbol let:
                    TypeOfLet(let);
                    break;
                case BlockSymbol block:
                    CheckBlock(block);
                    break;
                case FnSymbol fn:
                    CheckFunction(fn);
                    break;
            }
        }
    }

    /// <summary>The unit each let and field value was written in, where it has one of the value's dimension: computed once, read by every tool.</summary>
    private Dictionary<Expr, Unit> DeclaredUnits()
    {
        var written = new WrittenUnits(bindings, unitSyntax);
        var found = new Dictionary<Expr, Unit>(ReferenceEqualityComparer.Instance);
        void Add(Expr value, StaticType? type)
        {
            if (type is QuantityType q && written.Of(value, q.Dimension) is { } unit)
            {
                found[value] = unit;
            }
        }

        // Every let and field checked (all of them, but in files checked only where reached).
        foreach (var (let, type) in letTypes)
        {
            Add(let.Value, type);
        }

        foreach (var ((block, name), type) in fieldTypes)
        {
            if (block.Field(name) is { } field)
            {
                Add(field.Value, type);
            }
        }

        return found;
    }

    /// <summary>Whether anything in the program draws samples: a range or a distribution call.</summary>
    private bool IsUncertain()
    {
        // A file checked only where reached counts by what ModuleChecks recorded of its closure.
        if (plan is { SkippedDrawSamples: true })
        {
            return true;
        }

        var roots = model.Lets.Where(l => !Skips(l)).Select(l => l.Value)
            .Concat(model.Blocks.Where(b => !Skips(b)).SelectMany(b => b.Fields.Select(f => f.Value)))
            .Concat(model.Functions.Values.Where(f => !Skips(f)).Select(f => f.Decl.Body))
            .Concat(model.Trees.Where(t => plan?.Skips(t.File) != true).SelectMany(t => t.OfType<AssertDecl>().Select(a => a.Condition)));
        return roots.Any(root => root is not (NumberExpr or QuantityExpr or NameExpr) && !tooDeep.Contains(root) && SyntaxWalker.Descendants(root).Any(e =>
            e is RangeExpr || (e is CallExpr && bindings.GetValueOrDefault(e) is CallBinding { Builtin.IsDistribution: true })));
    }

    // ---- declarations -------------------------------------------------------------------------

    // Written out rather than through Memoized's delegate: a let is typed once per let of the program (100,000
    // outputs made 100,000 closures), and asked again by every output and name that reads it.
    private StaticType TypeOfLet(LetSymbol let)
    {
        if (letTypes.TryGetValue(let, out var known))
        {
            return known;
        }

        if (!Enter(let, let.Name, let.NameSpan))
        {
            return StaticType.Error;
        }

        var type = Replacing(let.Name, let.Replaced, let.Value, Scope.Global);
        inProgress.Exit();
        letTypes[let] = type;
        return type;
    }

    private StaticType TypeOfField(BlockSymbol block, string name, SourceSpan useSpan)
    {
        var field = block.Field(name);
        if (field is null)
        {
            return StaticType.Error;
        }

        // Asked before the closure below is made: a field read by many formulas is typed once.
        return fieldTypes.TryGetValue((block, name), out var known) ? known : FirstTypeOfField(block, name, field);
    }

    private StaticType FirstTypeOfField(BlockSymbol block, string name, FieldSymbol field)
    {
        // A known field's dimension is checked against its rule instead (CheckKnownField).
        return Memoized(fieldTypes, (block, name), (block, name), $"{block.Name}.{name}", field.NameSpan, () =>
            Replacing($"{block.Name}.{name}", KnownFields.Find(block.Kind, name) is null ? field.Replaced : null, field.Value, new Scope(null, [], block)));
    }

    /// <summary>
    /// Computes a declaration's type once. A declaration met again while it is being computed is a
    /// cycle: the error names the whole cycle, once.
    /// </summary>
    private StaticType Memoized<TKey>(Dictionary<TKey, StaticType> memo, TKey key, object marker, string name, SourceSpan span, Func<StaticType> compute)
        where TKey : notnull
    {
        if (memo.TryGetValue(key, out var known))
        {
            return known;
        }

        if (!Enter(marker, name, span))
        {
            return StaticType.Error;
        }

        var type = compute();
        inProgress.Exit();
        memo[key] = type;
        return type;
    }

    /// <summary>Starts working out a declaration; false (and the cycle reported, once) when it is being worked out already.</summary>
    private bool Enter(object marker, string name, SourceSpan span)
    {
        if (inProgress.TryEnter(marker, out var cycle))
        {
            return true;
        }

        if (cycle.All(cycleReported.Add))
        {
            diagnostics.Error(Codes.DefinitionCycle, span, $"definitions depend on each other in a cycle: {string.Join(" -> ", cycle.Select(NameOf).Append(name))}");
        }

        return false;
    }

    private static string NameOf(object marker) => marker switch
    {
        LetSymbol let => let.Name,
        UnitSymbol unit => unit.Name,
        ValueTuple<BlockSymbol, string> field => $"{field.Item1.Name}.{field.Item2}",
        _ => marker.ToString() ?? "?",
    };

    /// <summary>Checks a declaration's expression, refusing one too deep for the recursive passes.</summary>
    private StaticType CheckTop(Expr expr, Scope scope)
    {
        cancellation.ThrowIfCancellationRequested();
        // A literal or a name is one or two levels deep: not walked to be measured.
        if (expr is not (NumberExpr or QuantityExpr or NameExpr) && (tooDeep.Contains(expr) || SyntaxWalker.Depth(expr) > MaxExpressionDepth))
        {
            if (tooDeep.Add(expr))
            {
                diagnostics.Error(Codes.TooDeep, expr.Span with { Length = 1 }, $"expression nested more than {MaxExpressionDepth} levels deep");
            }

            return StaticType.Error;
        }

        return CheckExpr(expr, scope);
    }

    private void CheckKnownField(BlockSymbol block, FieldSymbol field, StaticType type)
    {
        if (KnownFields.Find(block.Kind, field.Name) is not { } rule || type.IsError)
        {
            return;
        }

        if (type is not QuantityType q || !rule.Allowed.Contains(q.Dimension))
        {
            diagnostics.Error(Codes.FieldDimension, field.Value.Span, $"{block.Kind.ToString().ToLowerInvariant()} field '{field.Name}' must be {rule.Meaning}, but {block.Name}.{field.Name} is {Describe(field.Value, type)}");
        }
    }
}
