using System.Globalization;
using System.Text;
using CostDsl.Syntax;

namespace CostDsl.Tooling.Formatting;

/// <summary>
/// A span-free S-expression of a syntax tree, for people: tests print it to show how two parses
/// differ. Whether two parses are the same is <see cref="SyntaxEquality"/>'s to say, not a
/// comparison of dumps.
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

    private static void Write(StringBuilder text, Expr expr) => expr.Accept(new Dumper(text));

    /// <summary>Appends each kind of node as an s-expression; returns the text so that the short ones are one expression.</summary>
    private sealed class Dumper(StringBuilder text) : IExprVisitor<StringBuilder>
    {
        public StringBuilder VisitNumber(NumberExpr number) =>
            text.Append("(num ").Append(number.Text).Append(' ').Append(number.Value.ToString("R", CultureInfo.InvariantCulture)).Append(')');

        public StringBuilder VisitQuantity(QuantityExpr quantity) => WithUnit("qty", quantity.Number, quantity.Unit);

        public StringBuilder VisitName(NameExpr name) => text.Append(name.Name);

        public StringBuilder VisitMember(MemberExpr member)
        {
            text.Append("(. ");
            member.Target.Accept(this);
            return text.Append(' ').Append(member.Member).Append(')');
        }

        public StringBuilder VisitCall(CallExpr call)
        {
            text.Append("(call ").Append(call.Callee);
            foreach (var argument in call.Arguments)
            {
                text.Append(' ');
                if (argument.Name is not null)
                {
                    text.Append(argument.Name).Append(':');
                }

                argument.Value.Accept(this);
            }

            return text.Append(')');
        }

        public StringBuilder VisitList(ListExpr list) => Node("list", list.Items);

        public StringBuilder VisitParen(ParenExpr paren) => Node("paren", paren.Inner);

        public StringBuilder VisitUnary(UnaryExpr unary) => Node(OperatorText.Of(unary.Op), unary.Operand);

        public StringBuilder VisitBinary(BinaryExpr binary) => Node(OperatorText.Of(binary.Op), binary.Left, binary.Right);

        public StringBuilder VisitRange(RangeExpr range) => Node("to", range.Low, range.High);

        public StringBuilder VisitIf(IfExpr conditional) => Node("if", conditional.Condition, conditional.Then, conditional.Else);

        public StringBuilder VisitConvert(ConvertExpr convert) => WithUnit("in", convert.Value, convert.Unit);

        /// <summary>A value with the unit written after it: a quantity literal, or <c>in</c>.</summary>
        private StringBuilder WithUnit(string head, Expr value, UnitSyntax unit)
        {
            text.Append('(').Append(head).Append(' ');
            value.Accept(this);
            text.Append(' ');
            Write(text, unit);
            return text.Append(')');
        }

        private StringBuilder Node(string head, params IEnumerable<Expr> children)
        {
            SyntaxDump.Node(text, head, children);
            return text;
        }
    }

    private static void Write(StringBuilder text, UnitSyntax unit) =>
        text.Append("(unit").Append(string.Concat(unit.Factors.Select(f => $" {f.Name}^{f.Power}"))).Append(')');

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
