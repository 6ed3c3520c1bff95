using System.Collections.Immutable;
using CostDsl.Diagnostics;
using CostDsl.Functions;
using CostDsl.Syntax;
using CostDsl.Text;

namespace CostDsl.Semantics;

/// <summary>
/// Sweeps over blocks: <c>let hw = H100_SXM</c> names a block, <c>sweep hw in [L4, A100_80GB, H100_SXM]</c>
/// runs the spec once per block, and whatever reads <c>hw</c> (<c>hw.bf16</c>, <c>tpot(model, hw, ...)</c>)
/// reads the swept block. The rest of the program was checked with the block the let names; each other
/// value must then stand where it does: a block of the same kind with every field read through the let,
/// in the same dimension. Each failure is said at the value, before anything runs.
/// </summary>
public sealed partial class Checker
{
    private CheckedSweep? CheckBlockSweep(CheckedSweep target, BlockType declared)
    {
        var sweep = target.Decl;
        if (target.Let is not { } let)
        {
            diagnostics.Error(Codes.BlockSweepValue, sweep.PathSpan, $"sweep {sweep.PathText}: blocks are swept through a let that names one (let hw = {declared.Block.Name}; sweep hw in [...]), not through a field");
            return null;
        }

        var reads = ReadsThrough(let);
        var blocks = ImmutableArray.CreateBuilder<BlockSymbol>();
        var valid = true;
        foreach (var item in sweep.Values.Items)
        {
            if (CheckExpr(item, Scope.Global).IsError)
            {
                // Already reported (an unknown name).
                valid = false;
                continue;
            }

            if (Unparenthesized(item) is not NameExpr name || bindings.GetValueOrDefault(name) is not BlockBinding { Block: var block })
            {
                diagnostics.Error(Codes.BlockSweepValue, item.Span, $"sweep {sweep.PathText} runs through {KindName(declared.Block)} blocks: each value must name one, as {declared.Block.Name} does");
                valid = false;
                continue;
            }

            if (block.Kind != declared.Kind)
            {
                diagnostics.Error(Codes.BlockSweepValue, item.Span, $"sweep {sweep.PathText} runs through {KindName(declared.Block)} blocks, but {block.Name} is a {KindName(block)} block");
                valid = false;
                continue;
            }

            foreach (var problem in reads.Select(read => read(block)).OfType<string>().Distinct(StringComparer.Ordinal))
            {
                diagnostics.Error(Codes.BlockSweepField, item.Span, $"sweep {sweep.PathText}: {block.Describe()} cannot stand for {let.Name}: {problem}");
                valid = false;
            }

            blocks.Add(block);
        }

        return valid ? target with { Blocks = blocks.ToImmutable() } : null;
    }

    private static string KindName(BlockSymbol block) => block.Kind.ToString().ToLowerInvariant();

    private static Expr Unparenthesized(Expr expr)
    {
        while (expr is ParenExpr paren)
        {
            expr = paren.Inner;
        }

        return expr;
    }

    private bool IsLet(Expr expr, LetSymbol let) => Unparenthesized(expr) is NameExpr name && bindings.GetValueOrDefault(name) is LetBinding { Let: var bound } && bound == let;

    /// <summary>
    /// What the program reads through <paramref name="let"/>, each as a check of one block: null when the
    /// block can stand there, else why not. Read are <c>let.field</c> wherever it is written, and the fields
    /// a built-in reads from the let passed to it (its <see cref="FieldRead"/>s) in lets, outputs, asserts and
    /// block fields. A user function's body is typed per call; what it reads is checked when it runs.
    /// </summary>
    private List<Func<BlockSymbol, string?>> ReadsThrough(LetSymbol let)
    {
        var reads = new List<Func<BlockSymbol, string?>>();
        // A function's body has no scope to type a call's other arguments in (its parameters' types depend on the call).
        IEnumerable<(Expr Root, Scope? Scope)> roots = [
            .. model.Lets.Select(l => (l.Value, (Scope?)Scope.Global)),
            .. model.Blocks.SelectMany(b => b.Fields.Select(f => (f.Value, (Scope?)new Scope(null, [], b)))),
            .. model.Trees.SelectMany(t => t.OfType<AssertDecl>().Select(a => (a.Condition, (Scope?)Scope.Global))),
            .. model.Functions.Values.Select(f => (f.Decl.Body, (Scope?)null)),
        ];
        foreach (var (root, scope) in roots.Where(r => !tooDeep.Contains(r.Root)))
        {
            foreach (var expr in SyntaxWalker.Descendants(root))
            {
                if (expr is MemberExpr member && IsLet(member.Target, let))
                {
                    reads.Add(block => FieldProblem(block, let, member));
                }
                else if (scope is not null && expr is CallExpr call && bindings.GetValueOrDefault(call) is CallBinding { Builtin: { } builtin } binding
                    && call.Arguments.Any(a => IsLet(a.Value, let)))
                {
                    reads.Add(block => CallProblem(block, let, call, builtin, binding.ArgumentOrder, scope));
                }
            }
        }

        return reads;
    }

    private string? FieldProblem(BlockSymbol block, LetSymbol let, MemberExpr member)
    {
        var expected = TypeOfLet(let) is BlockType declared ? TypeOfField(declared.Block, member.Member, member.MemberSpan) : StaticType.Error;
        if (block.Field(member.Member) is null)
        {
            return $"it has no field '{member.Member}', which {let.Name}.{member.Member} reads ({Where(member.MemberSpan)})";
        }

        var actual = TypeOfField(block, member.Member, member.MemberSpan);
        return expected.IsError || actual.IsError || SameType(expected, actual)
            ? null
            : $"its {member.Member} is {Describe(actual)}, but {let.Name}.{member.Member} is {Describe(expected)} ({Where(member.MemberSpan)})";
    }

    /// <summary>The call checked again with <paramref name="block"/> in place of the let: the fields the built-in reads must be there.</summary>
    private string? CallProblem(BlockSymbol block, LetSymbol let, CallExpr call, BuiltinFunction builtin, ImmutableArray<int> order, Scope scope)
    {
        var types = new List<StaticType>();
        for (var p = 0; p < builtin.Parameters.Length; p++)
        {
            var index = p < order.Length ? order[p] : -1;
            var parameter = builtin.Parameters[p];
            types.Add(index < 0 ? parameter.Default is { } fallback ? new QuantityType(fallback.Dimension) : StaticType.Absent
                : IsLet(call.Arguments[index].Value, let) ? new BlockType(block)
                : CheckExpr(call.Arguments[index].Value, scope));
        }

        if (types.Any(t => t.IsError))
        {
            return null;
        }

        var check = new SweptCallCheck(this, call);
        builtin.ResultType(types, check);
        return check.Problem is { } problem ? $"{problem} ({Where(call.CalleeSpan)})" : null;
    }

    private static string Where(SourceSpan span) => span.ToString();

    /// <summary>Keeps the first error of a call checked for a swept block, to be said at the sweep's value rather than at the call.</summary>
    private sealed class SweptCallCheck(Checker checker, CallExpr call) : ICheckContext
    {
        public string? Problem { get; private set; }

        public StaticType? FieldType(BlockSymbol block, string field) =>
            block.Field(field) is null ? null : checker.TypeOfField(block, field, call.Span);

        public void Error(DiagnosticCode code, string message) => Problem ??= message;
    }
}
