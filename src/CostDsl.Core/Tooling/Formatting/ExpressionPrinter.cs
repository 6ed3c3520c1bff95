using System.Text;
using CostDsl.Syntax;

namespace CostDsl.Tooling.Formatting;

/// <summary>
/// Prints an expression on one line in the canonical spacing: one space around every binary
/// operator (so that <c>80 GB / n</c> never turns into the unit <c>GB/n</c>), none after a unary
/// minus, numbers and units as written. The tree keeps its parentheses, so no others are added.
/// </summary>
public static class ExpressionPrinter
{
    public static string Print(Expr expr)
    {
        var text = new StringBuilder();
        Write(text, expr);
        return text.ToString();
    }

    /// <summary>A unit as the user wrote it, with runs of blanks between juxtaposed names made one space.</summary>
    public static string Print(UnitSyntax unit) => string.Join(' ', unit.Span.Text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries));

    /// <summary>A string literal: the escapes of the language (<c>\"</c> and <c>\\</c>) and nothing else.</summary>
    public static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static void Write(StringBuilder text, Expr expr)
    {
        switch (expr)
        {
            case NumberExpr n:
                text.Append(n.Text);
                break;
            case QuantityExpr q:
                text.Append(q.Number.Text).Append(' ').Append(Print(q.Unit));
                break;
            case NameExpr name:
                text.Append(name.Name);
                break;
            case MemberExpr m:
                Write(text, m.Target);
                text.Append('.').Append(m.Member);
                break;
            case CallExpr c:
                text.Append(c.Callee).Append('(');
                for (var i = 0; i < c.Arguments.Length; i++)
                {
                    if (i > 0)
                    {
                        text.Append(", ");
                    }

                    if (c.Arguments[i].Name is { } name)
                    {
                        text.Append(name).Append(": ");
                    }

                    Write(text, c.Arguments[i].Value);
                }

                text.Append(')');
                break;
            case ListExpr l:
                text.Append('[');
                for (var i = 0; i < l.Items.Length; i++)
                {
                    if (i > 0)
                    {
                        text.Append(", ");
                    }

                    Write(text, l.Items[i]);
                }

                text.Append(']');
                break;
            case ParenExpr p:
                text.Append('(');
                Write(text, p.Inner);
                text.Append(')');
                break;
            case UnaryExpr u:
                text.Append(u.Op == UnaryOp.Not ? "not " : "-");
                Write(text, u.Operand);
                break;
            case BinaryExpr b:
                Write(text, b.Left);
                text.Append(' ').Append(OperatorText.Of(b.Op)).Append(' ');
                Write(text, b.Right);
                break;
            case RangeExpr r:
                Write(text, r.Low);
                text.Append(" to ");
                Write(text, r.High);
                break;
            case IfExpr i:
                text.Append("if ");
                Write(text, i.Condition);
                text.Append(" then ");
                Write(text, i.Then);
                text.Append(" else ");
                Write(text, i.Else);
                break;
            case ConvertExpr c:
                Write(text, c.Value);
                text.Append(" in ").Append(Print(c.Unit));
                break;
            default:
                text.Append(expr.Span.Text);
                break;
        }
    }
}
