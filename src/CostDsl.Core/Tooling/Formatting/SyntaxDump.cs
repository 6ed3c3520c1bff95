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
                Node(text, $"field {f.Name}", f.Value);
                break;
            case LetDecl l:
                Node(text, $"let {l.Name}", l.Value);
                break;
            case FnDecl f:
                Node(text, $"fn {f.Name} ({string.Join(' ', f.Parameters.Select(p => p.Name))})", f.Body);
                break;
            case UnitDecl u:
                Node(text, $"unit {u.Name}", u.Definition is null ? [] : [u.Definition]);
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

    /// <summary>One node with only expression children: <c>(head child child ...)</c>.</summary>
    private static void Node(StringBuilder text, string head, params IEnumerable<Expr> children)
    {
        text.Append('(').Append(head);
        foreach (var child in children)
        {
            text.Append(' ');
            Write(text, child);
        }

        text.Append(')');
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
                Node(text, "list", l.Items);
                break;
            case ParenExpr p:
                Node(text, "paren", p.Inner);
                break;
            case UnaryExpr u:
                Node(text, OperatorText.Of(u.Op), u.Operand);
                break;
            case BinaryExpr b:
                Node(text, OperatorText.Of(b.Op), b.Left, b.Right);
                break;
            case RangeExpr r:
                Node(text, "to", r.Low, r.High);
                break;
            case IfExpr i:
                Node(text, "if", i.Condition, i.Then, i.Else);
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
