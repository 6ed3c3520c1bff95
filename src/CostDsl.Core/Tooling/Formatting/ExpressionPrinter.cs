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

    private static void Write(StringBuilder text, Expr expr) => expr.Accept(new Printer(text));

    /// <summary>Appends each kind of node to the text; returns the text so that every method is one expression or a few appends.</summary>
    private sealed class Printer(StringBuilder text) : IExprVisitor<StringBuilder>
    {
        public StringBuilder VisitNumber(NumberExpr number) => text.Append(number.Text);

        public StringBuilder VisitQuantity(QuantityExpr quantity) => text.Append(quantity.Number.Text).Append(' ').Append(Print(quantity.Unit));

        public StringBuilder VisitName(NameExpr name) => text.Append(name.Name);

        public StringBuilder VisitMember(MemberExpr member)
        {
            member.Target.Accept(this);
            return text.Append('.').Append(member.Member);
        }

        public StringBuilder VisitCall(CallExpr call)
        {
            text.Append(call.Callee).Append('(');
            for (var i = 0; i < call.Arguments.Length; i++)
            {
                if (i > 0)
                {
                    text.Append(", ");
                }

                if (call.Arguments[i].Name is { } name)
                {
                    text.Append(name).Append(": ");
                }

                call.Arguments[i].Value.Accept(this);
            }

            return text.Append(')');
        }

        public StringBuilder VisitList(ListExpr list)
        {
            text.Append('[');
            for (var i = 0; i < list.Items.Length; i++)
            {
                if (i > 0)
                {
                    text.Append(", ");
                }

                list.Items[i].Accept(this);
            }

            return text.Append(']');
        }

        public StringBuilder VisitParen(ParenExpr paren)
        {
            text.Append('(');
            paren.Inner.Accept(this);
            return text.Append(')');
        }

        public StringBuilder VisitUnary(UnaryExpr unary)
        {
            text.Append(unary.Op == UnaryOp.Not ? "not " : "-");
            return unary.Operand.Accept(this);
        }

        public StringBuilder VisitBinary(BinaryExpr binary)
        {
            binary.Left.Accept(this);
            text.Append(' ').Append(OperatorText.Of(binary.Op)).Append(' ');
            return binary.Right.Accept(this);
        }

        public StringBuilder VisitRange(RangeExpr range)
        {
            range.Low.Accept(this);
            text.Append(" to ");
            return range.High.Accept(this);
        }

        public StringBuilder VisitIf(IfExpr conditional)
        {
            text.Append("if ");
            conditional.Condition.Accept(this);
            text.Append(" then ");
            conditional.Then.Accept(this);
            text.Append(" else ");
            return conditional.Else.Accept(this);
        }

        public StringBuilder VisitConvert(ConvertExpr convert)
        {
            convert.Value.Accept(this);
            return text.Append(" in ").Append(Print(convert.Unit));
        }
    }
}
