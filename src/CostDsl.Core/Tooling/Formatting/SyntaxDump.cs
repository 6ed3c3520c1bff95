using System.Globalization;
using System.Text;
using CostDsl.Syntax;

namespace CostDsl.Tooling.Formatting;

/// <summary>
/// A span-free S-expression of a syntax tree. AST records compare their spans, so two parses of
/// the same program laid out differently are never equal as records; their dumps are.
/// </summary>
public static class SyntaxDump
{
    public static string Of(SyntaxTree tree) => string.Join("\n", tree.Declarations.Select(Of));

    public static string Of(Decl decl)
    {
        var text = new StringBuilder();
        Write(text, decl);
        return text.ToString();
    }

    public static string Of(Expr expr)
    {
        var text = new StringBuilder();
        Write(text, expr);
        return text.ToString();
    }

    private static void Write(StringBuilder text, Decl decl)
    {
        switch (decl)
        {
            case ImportDecl i:
                text.Append("(import ").Append(Quote(i.Path)).Append(')');
                break;
            case BlockDecl b:
                text.Append('(').Append(b.Kind.ToString().ToLowerInvariant()).Append(' ').Append(b.Name);
                if (b.Base is not null)
                {
                    text.Append(" extends ").Append(b.Base);
                }

                foreach (var field in b.Fields)
                {
                    text.Append(' ');
                    Write(text, field);
                }

                text.Append(')');
                break;
            case FieldDecl f:
                text.Append("(field ").Append(f.Name).Append(' ');
                Write(text, f.Value);
                text.Append(')');
                break;
            case LetDecl l:
                text.Append("(let ").Append(l.Name).Append(' ');
                Write(text, l.Value);
                text.Append(')');
                break;
            case FnDecl f:
                text.Append("(fn ").Append(f.Name).Append(" (").Append(string.Join(' ', f.Parameters.Select(p => p.Name))).Append(") ");
                Write(text, f.Body);
                text.Append(')');
                break;
            case UnitDecl u:
                text.Append("(unit ").Append(u.Name);
                if (u.Definition is not null)
                {
                    text.Append(' ');
                    Write(text, u.Definition);
                }

                text.Append(')');
                break;
            case OutputDecl o:
                text.Append("(output ").Append(o.Name);
                if (o.Value is not null)
                {
                    text.Append(' ');
                    Write(text, o.Value);
                }

                if (o.Unit is not null)
                {
                    text.Append(' ');
                    Write(text, o.Unit);
                }

                text.Append(')');
                break;
            case AssertDecl a:
                text.Append("(assert ");
                Write(text, a.Condition);
                if (a.Message is not null)
                {
                    text.Append(' ').Append(Quote(a.Message));
                }

                text.Append(')');
                break;
            case SweepDecl s:
                text.Append("(sweep ").Append(s.PathText).Append(' ');
                Write(text, s.Values);
                text.Append(')');
                break;
            case ScenarioDecl scenario:
                text.Append("(scenario ").Append(scenario.Name);
                foreach (var setting in scenario.Settings)
                {
                    text.Append(" (set ").Append(setting.PathText).Append(' ');
                    Write(text, setting.Value);
                    text.Append(')');
                }

                text.Append(')');
                break;
            default:
                text.Append("(? ").Append(decl.GetType().Name).Append(')');
                break;
        }
    }

    private static void Write(StringBuilder text, Expr expr)
    {
        switch (expr)
        {
            case NumberExpr n:
                text.Append("(num ").Append(n.Text).Append(' ').Append(n.Value.ToString("R", CultureInfo.InvariantCulture)).Append(')');
                break;
            case QuantityExpr q:
                text.Append("(qty ");
                Write(text, q.Number);
                text.Append(' ');
                Write(text, q.Unit);
                text.Append(')');
                break;
            case NameExpr name:
                text.Append(name.Name);
                break;
            case MemberExpr m:
                text.Append("(. ");
                Write(text, m.Target);
                text.Append(' ').Append(m.Member).Append(')');
                break;
            case CallExpr c:
                text.Append("(call ").Append(c.Callee);
                foreach (var argument in c.Arguments)
                {
                    text.Append(' ');
                    if (argument.Name is not null)
                    {
                        text.Append(argument.Name).Append(':');
                    }

                    Write(text, argument.Value);
                }

                text.Append(')');
                break;
            case ListExpr l:
                text.Append("(list");
                foreach (var item in l.Items)
                {
                    text.Append(' ');
                    Write(text, item);
                }

                text.Append(')');
                break;
            case ParenExpr p:
                text.Append("(paren ");
                Write(text, p.Inner);
                text.Append(')');
                break;
            case UnaryExpr u:
                text.Append('(').Append(OperatorText.Of(u.Op)).Append(' ');
                Write(text, u.Operand);
                text.Append(')');
                break;
            case BinaryExpr b:
                text.Append('(').Append(OperatorText.Of(b.Op)).Append(' ');
                Write(text, b.Left);
                text.Append(' ');
                Write(text, b.Right);
                text.Append(')');
                break;
            case RangeExpr r:
                text.Append("(to ");
                Write(text, r.Low);
                text.Append(' ');
                Write(text, r.High);
                text.Append(')');
                break;
            case IfExpr i:
                text.Append("(if ");
                Write(text, i.Condition);
                text.Append(' ');
                Write(text, i.Then);
                text.Append(' ');
                Write(text, i.Else);
                text.Append(')');
                break;
            case ConvertExpr c:
                text.Append("(in ");
                Write(text, c.Value);
                text.Append(' ');
                Write(text, c.Unit);
                text.Append(')');
                break;
            default:
                text.Append("(? ").Append(expr.GetType().Name).Append(')');
                break;
        }
    }

    private static void Write(StringBuilder text, UnitSyntax unit) =>
        text.Append("(unit").Append(string.Concat(unit.Factors.Select(f => $" {f.Name}^{f.Power}"))).Append(')');

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
