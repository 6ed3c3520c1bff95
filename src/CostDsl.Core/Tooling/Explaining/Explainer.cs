using CostDsl.Diagnostics;
using CostDsl.Runtime;
using CostDsl.Semantics;
using CostDsl.Syntax;
using CostDsl.Text;
using CostDsl.Tooling.Formatting;
using CostDsl.Units;

namespace CostDsl.Tooling.Explaining;

/// <summary>
/// <c>costdsl explain</c>: the derivation of one output, let or Block.field as a tree, each step
/// evaluated by one shared <see cref="EvaluationSession"/> (so nothing is computed twice). A step met
/// a second time is shown once and then referred to, so the tree stays the size of the spec.
/// </summary>
public sealed class Explainer
{
    public const int DefaultDepth = 6;

    private readonly CheckedProgram program;
    private readonly EvaluationSession session;
    private readonly DependencyFinder finder;
    private readonly HashSet<object> expanded = [];
    private readonly int maxDepth;

    public Explainer(CheckedProgram program, DiagnosticBag diagnostics, int maxDepth = DefaultDepth, Sampling? sampling = null, CancellationToken cancellation = default)
    {
        this.program = program;
        this.maxDepth = Math.Max(0, maxDepth);
        session = new EvaluationSession(program, diagnostics, sampling, cancellation);
        finder = new DependencyFinder(program);
    }

    /// <summary>The names explain accepts for this program: outputs, lets and Block.field paths.</summary>
    public IEnumerable<string> KnownNames() =>
        program.Outputs.Select(o => o.Name)
            .Concat(program.Model.Lets.Select(l => l.Name))
            .Concat(program.Model.Blocks.SelectMany(b => b.Fields.Select(f => $"{b.Name}.{f.Name}")))
            .Distinct(StringComparer.Ordinal);

    /// <summary>The tree for an output, a let or <c>Block.field</c>; null when the program has no such name.</summary>
    public ExplainNode? Explain(string name)
    {
        var parts = name.Split('.');
        if (parts is [var blockName, var fieldName])
        {
            return program.Model.Values.GetValueOrDefault(blockName) is BlockSymbol block && block.Field(fieldName) is not null
                ? Field(block, fieldName, 0)
                : null;
        }

        if (program.Outputs.FirstOrDefault(o => o.Name == name) is { } output)
        {
            return Let(output.Value, 0, output.DisplayUnit, output.UnitText, ExplainKind.Output);
        }

        return program.Model.Values.GetValueOrDefault(name) is LetSymbol let ? Let(let, 0, null, null, ExplainKind.Let) : null;
    }

    private ExplainNode Let(LetSymbol let, int depth, Unit? unit, string? unitText, ExplainKind kind)
    {
        var value = session.TryLet(let);
        var (shownUnit, shownText) = unit is null ? DisplayUnit(let.Value, value) : (unit, unitText);
        var overridden = IsCommandLine(program.Model.ValueOverrideOf(let));
        var declared = overridden ? let.Value.Span : let.Decl.Span;
        return Step(
            overridden ? ExplainKind.Override : kind,
            let.Name,
            let.Value,
            ShownValue.Of(value, shownUnit, shownText),
            declared,
            let,
            depth,
            () => finder.Of(let.Value, null)) with
        {
            Source = overridden ? $"--set {let.Name}={let.Value.Span.Text.Trim()}" : CommentOn(let.Decl.Span),
        };
    }

    private ExplainNode Field(BlockSymbol block, string name, int depth)
    {
        var field = block.Field(name)!;
        var value = session.TryField(block, name);
        var (unit, unitText) = DisplayUnit(field.Value, value);
        var overridden = IsCommandLine(program.Model.ValueOverrideOf(field));
        var declared = overridden ? field.Value.Span : SourceSpan.Cover(field.NameSpan, field.Value.Span);
        return Step(
            overridden ? ExplainKind.Override : ExplainKind.Field,
            $"{block.Name}.{name}",
            field.Value,
            ShownValue.Of(value, unit, unitText),
            declared,
            (block, name),
            depth,
            () => finder.Of(field.Value, block)) with
        {
            Source = overridden ? $"--set {block.Name}.{name}={field.Value.Span.Text.Trim()}" : CommentOn(declared),
            DeclaredIn = field.DeclaredIn == block || overridden ? null : field.DeclaredIn.Name,
        };
    }

    /// <summary>A let or field: a leaf when its value is written out, else a step with the steps it rests on.</summary>
    private ExplainNode Step(ExplainKind kind, string name, Expr expr, ShownValue value, SourceSpan declared, object key, int depth, Func<IReadOnlyList<Dependency>> dependencies)
    {
        var literal = DependencyFinder.IsLiteral(expr);
        var node = new ExplainNode(kind, name, ExpressionPrinter.Print(expr), value, declared.File.Path, declared.Line, []) { IsLiteral = literal };
        var found = dependencies();
        if (literal)
        {
            // A written-out value rests on nothing but the units it is written in (an exchange rate).
            found = [.. found.Where(d => d is UnitDependency)];
        }
        else if (found is [CallDependency only] && ReferenceEquals(only.Call, Unwrapped(expr)))
        {
            // let x = f(a, b): the call is the let's own step, not one below it.
            found = CallDependencies(only.Call, only.Self);
        }

        if (found.Count == 0)
        {
            return node;
        }

        if (!expanded.Add(key))
        {
            return node with { Repeated = true };
        }

        return depth >= maxDepth ? node with { Truncated = true } : node with { Children = Children(found, depth + 1) };
    }

    private List<ExplainNode> Children(IReadOnlyList<Dependency> dependencies, int depth) =>
        [.. dependencies.Select(d => Child(d, depth)).OfType<ExplainNode>()];

    private ExplainNode? Child(Dependency dependency, int depth) => dependency switch
    {
        LetDependency l => Let(l.Let, depth, null, null, l.Let.IsOutput ? ExplainKind.Output : ExplainKind.Let),
        FieldDependency f when f.Block.Field(f.Field) is not null => Field(f.Block, f.Field, depth),
        CallDependency c => Call(c.Call, c.Self, depth),
        LiteralDependency l => Literal(l),
        UnitDependency u => UnitStep(u.Unit),
        BlockDependency b => new ExplainNode(ExplainKind.Block, b.Block.Name, b.Block.Describe(), new ShownValue(null, string.Empty, null, null, null, null, b.Block.Describe()), b.Block.Decl.Span.File.Path, b.Block.Decl.Span.Line, []) { Source = CommentOn(b.Block.Decl.NameSpan) },
        _ => null,
    };

    private ExplainNode Call(CallExpr call, BlockSymbol? self, int depth)
    {
        var node = new ExplainNode(ExplainKind.Call, null, ExpressionPrinter.Print(call), ShownValue.Of(session.TryEvaluate(call, self)), call.Span.File.Path, call.Span.Line, []);
        var distinct = CallDependencies(call, self);
        if (distinct.Count == 0)
        {
            return node;
        }

        return depth >= maxDepth ? node with { Truncated = true } : node with { Children = Children(distinct, depth + 1) };
    }

    /// <summary>What a call rests on: its arguments, and what a user function's body reads from the program.</summary>
    private List<Dependency> CallDependencies(CallExpr call, BlockSymbol? self)
    {
        var found = call.Arguments.SelectMany(a => finder.Of(a.Value, self)).ToList();
        if (program.Bindings.GetValueOrDefault(call) is CallBinding { User: { } fn })
        {
            found.AddRange(finder.OfFunction(fn));
        }

        return [.. found.Distinct()];
    }

    private static Expr Unwrapped(Expr expr) => expr switch
    {
        ConvertExpr c => Unwrapped(c.Value),
        ParenExpr p => Unwrapped(p.Inner),
        _ => expr,
    };

    private ExplainNode UnitStep(UnitSymbol unit)
    {
        var definition = unit.Decl.Definition!;
        var resolved = program.Units.Find(unit.Name);
        var value = resolved is null ? ShownValue.Failed : ShownValue.Of(new Quantity(Magnitude.Exact(resolved.Scale), resolved.Dimension));
        return new ExplainNode(ExplainKind.Unit, unit.Name, ExpressionPrinter.Print(definition), value, unit.Decl.Span.File.Path, unit.Decl.Span.Line, [])
        {
            Source = CommentOn(unit.Decl.Span),
        };
    }

    private ExplainNode Literal(LiteralDependency l)
    {
        var value = session.TryEvaluate(l.Literal);
        var (unit, text) = DisplayUnit(l.Literal, value);
        return new ExplainNode(ExplainKind.Literal, null, ExpressionPrinter.Print(l.Literal), ShownValue.Of(value, unit, text), l.Literal.Span.File.Path, l.Literal.Span.Line, []) { IsLiteral = true };
    }

    /// <summary>
    /// The unit a spec wrote for a value, as the checker found it: on a literal (after <c>in</c>, after a
    /// number, a percentage) as written, else the unit the formula was written in (a rent of 2.5 USD/h
    /// stays USD/h); ShownValue uses it only when the dimension matches.
    /// </summary>
    private (Unit? Unit, string? Text) DisplayUnit(Expr expr, Value? value) =>
        (program.LiteralUnit(expr) ?? (value is Quantity q ? program.WrittenUnit(expr, q.Dimension) : null)) is { } unit ? (unit, unit.Name) : (null, null);

    /// <summary>A --set, as the binder recorded it: shown as the override it is (a scenario's setting is part of the spec).</summary>
    private static bool IsCommandLine(Override? change) => change is { Origin: OverrideOrigin.CommandLine };

    /// <summary>The comments after the code on the lines of a declaration: where its figures come from (the parser's trivia).</summary>
    private string? CommentOn(SourceSpan span) => program.Model.CommentAfter(span);
}
