using CostDsl.Modules;
using System.Collections.Frozen;
using System.Globalization;
using CostDsl.Diagnostics;
using CostDsl.Semantics;
using CostDsl.Syntax;
using CostDsl.Text;

namespace CostDsl.Advice;

/// <summary>
/// Plausibility warnings (CD0802-CD0805): a dimensionless value the language knows the meaning of,
/// written outside its meaningful range. A share of peak (<c>util</c>, <c>mfu</c>, <c>efficiency</c>)
/// above 100% or at most 0, a <c>pue</c> below 1, an <c>overhead</c> at or above 100%. The usual cause
/// is a percentage written as a plain number (<c>util: 40</c>, <c>--set util=50</c>), which the
/// units cannot catch because both are dimensionless. Looked at: lets and block fields of those
/// names, and the arguments given to built-in parameters of those names, when their value folds to
/// a constant (numbers, percentages, arithmetic of them, lets that are such) or to a range
/// <c>a to b</c> of constants (its ends, the 5th and 95th percentiles, are checked). Run once after
/// checking; it only adds warnings, so the exit code stays as it was unless --warnings-as-errors.
/// The bundled library (std/) is not looked at: its figures are not the user's to fix.
/// </summary>
public static class Plausibility
{
    private enum Kind
    {
        Share,
        Overhead,
        Pue,
    }

    private static readonly FrozenDictionary<string, Kind> Known = new Dictionary<string, Kind>
    {
        ["util"] = Kind.Share,
        ["utilization"] = Kind.Share,
        ["compute_util"] = Kind.Share,
        ["mfu"] = Kind.Share,
        ["efficiency"] = Kind.Share,
        ["overhead"] = Kind.Overhead,
        ["pue"] = Kind.Pue,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>How far a let that names another let is followed.</summary>
    private const int MaxFollow = 8;

    public static void Warn(CheckedProgram program, DiagnosticBag diagnostics)
    {
        var model = program.Model;

        // Files known to check clean (ModuleChecks) were recorded with no warning of their own: not looked at again.
        var skipped = program.CheckedWhereReached;
        bool Looked(Text.SourceFile file) => skipped?.Contains(file) != true;
        foreach (var let in model.Lets.Where(l => !l.IsOutput && Looked(l.NameSpan.File)))
        {
            Look(program, let.Name, let.Name, let.Value, diagnostics);
        }

        foreach (var block in model.Blocks.Where(b => Looked(b.NameSpan.File)))
        {
            foreach (var field in block.Fields.Where(f => f.DeclaredIn == block))
            {
                Look(program, field.Name, $"{block.Name}.{field.Name}", field.Value, diagnostics);
            }
        }

        var roots = model.Lets.Select(l => l.Value)
            .Concat(model.Blocks.SelectMany(b => b.Fields.Where(f => f.DeclaredIn == b).Select(f => f.Value)))
            .Concat(model.Functions.Values.Select(f => f.Decl.Body))
            .Where(e => e is not (NumberExpr or QuantityExpr or NameExpr) && !IsBundled(e.Span.File) && Looked(e.Span.File) && SyntaxWalker.Depth(e) <= Checker.MaxExpressionDepth);
        foreach (var call in roots.SelectMany(SyntaxWalker.Descendants).OfType<CallExpr>())
        {
            if (program.Bindings.GetValueOrDefault(call) is not CallBinding { Builtin: { } builtin } binding)
            {
                continue;
            }

            for (var p = 0; p < builtin.Parameters.Length && p < binding.ArgumentOrder.Length; p++)
            {
                // An argument that names a let of a known name was looked at with that let.
                if (binding.ArgumentOrder[p] is >= 0 and var index && index < call.Arguments.Length
                    && !(call.Arguments[index].Value is NameExpr named && Known.ContainsKey(named.Name)))
                {
                    Look(program, builtin.Parameters[p].Name, $"{call.Callee}'s {builtin.Parameters[p].Name}", call.Arguments[index].Value, diagnostics, argument: true);
                }
            }
        }
    }

    private static void Look(CheckedProgram program, string name, string what, Expr value, DiagnosticBag diagnostics, bool argument = false)
    {
        if (!Known.TryGetValue(name, out var kind) || IsBundled(value.Span.File) || Fold(program, value, 0) is not var (low, high))
        {
            return;
        }

        var span = value.Span;
        var where = CommandLineArgument.IsArgument(span.File) ? $"{span.File.Path}={span.File.Text}: " : string.Empty;
        var shown = low == high ? Percent(low) : $"{Percent(low)} to {Percent(high)}";
        var at = CommandLineArgument.Locate(span);
        switch (kind)
        {
            case Kind.Share when high > 1:
                diagnostics.Warning(Codes.FractionAboveWhole, at, $"{where}{what} is {shown}, above 100%: a share of peak cannot exceed the whole{MeantPercent(program, value, low, high)}");
                break;
            // A built-in refuses a share at or below 0 itself, as an error (CD0405): no warning besides it.
            case Kind.Share when low <= 0 && !argument:
                diagnostics.Warning(Codes.FractionNotPositive, at, $"{where}{what} is {shown}: a share of peak at or below 0% gets no work done");
                break;
            case Kind.Overhead when high >= 1:
                diagnostics.Warning(Codes.OverheadNotBelowWhole, at, $"{where}{what} is {shown}: an overhead of 100% or more is at least as large as the work itself{MeantPercent(program, value, low, high)}");
                break;
            case Kind.Pue when low < 1:
                diagnostics.Warning(Codes.PueBelowOne, at, $"{where}{what} is {Number(low)}{(low == high ? string.Empty : $" to {Number(high)}")}: a PUE is facility energy over IT energy, so at least 1 (1.1 to 1.6 in practice)");
                break;
        }
    }

    /// <summary>"; did you mean 40%?" when the number reads as a percentage written without its %.</summary>
    private static string MeantPercent(CheckedProgram program, Expr value, double low, double high) =>
        low == high && low > 1 && low <= 100 && Written(program, value, 0) is NumberExpr { IsPercent: false } ? $"; did you mean {Number(low)}%?" : string.Empty;

    /// <summary>The literal a value is, through parentheses and lets that only name another; null when it is computed.</summary>
    private static Expr? Written(CheckedProgram program, Expr expr, int depth) => depth > MaxFollow ? null : expr switch
    {
        ParenExpr p => Written(program, p.Inner, depth + 1),
        NameExpr name when program.Bindings.GetValueOrDefault(name) is LetBinding let => Written(program, let.Let.Value, depth + 1),
        _ => expr,
    };

    /// <summary>The constant value of an expression, or the ends of a constant range; null when it is computed.</summary>
    private static (double Low, double High)? Fold(CheckedProgram program, Expr expr, int depth)
    {
        if (depth > MaxFollow)
        {
            return null;
        }

        switch (expr)
        {
            case NumberExpr n:
                return (n.Value, n.Value);
            case QuantityExpr q when program.UnitSyntax.TryGetValue(q.Unit, out var unit) && unit.Dimension.IsNone:
                return (q.Number.Value * unit.Scale, q.Number.Value * unit.Scale);
            case ParenExpr p:
                return Fold(program, p.Inner, depth + 1);
            case ConvertExpr c:
                return Fold(program, c.Value, depth + 1);
            case UnaryExpr { Op: UnaryOp.Negate } u:
                return Fold(program, u.Operand, depth + 1) is var (l, h) ? (-h, -l) : null;
            case RangeExpr r:
                return Fold(program, r.Low, depth + 1) is var (low, _) && Fold(program, r.High, depth + 1) is var (_, high) ? (low, high) : null;
            case NameExpr name when program.Bindings.GetValueOrDefault(name) is LetBinding let:
                return Fold(program, let.Let.Value, depth + 1);
            // Arithmetic of written numbers (1 - 20%), not of other lets: a computed ratio (demand / capacity)
            // is a finding, not an assumption someone typed.
            case BinaryExpr b when !SyntaxWalker.Descendants(b).Any(e => e is NameExpr or MemberExpr or CallExpr)
                && Fold(program, b.Left, depth + 1) is var (ll, lh) && ll == lh && Fold(program, b.Right, depth + 1) is var (rl, rh) && rl == rh:
                double? result = b.Op switch
                {
                    BinaryOp.Add => ll + rl,
                    BinaryOp.Subtract => ll - rl,
                    BinaryOp.Multiply => ll * rl,
                    BinaryOp.Divide when rl != 0 => ll / rl,
                    _ => null,
                };
                return result is { } r2 && double.IsFinite(r2) ? (r2, r2) : null;
            default:
                return null;
        }
    }

    private static bool IsBundled(SourceFile file) => file.Location.StartsWith(BundledLibrary.Prefix, StringComparison.Ordinal);

    private static string Percent(double value) => $"{Number(value * 100)}%";

    private static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
