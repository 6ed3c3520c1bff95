using System.Collections.Immutable;
using System.Text;
using CostDsl.Syntax;
using CostDsl.Text;

namespace CostDsl.Modules;

public sealed partial class PrecompiledLibrary
{
    /// <summary>Writes a tree: names through a per-file string table, spans with their line and column as parsed.</summary>
    private sealed class TreeWriter(BinaryWriter writer) : IExprVisitor<bool>
    {
        private readonly Dictionary<string, int> strings = new(StringComparer.Ordinal);
        private readonly BinaryWriter output = writer;
        private BinaryWriter nodes = writer;

        public void WriteTree(SyntaxTree tree)
        {
            // Nodes go to a buffer first so that the string table they fill can be written before them.
            using var buffer = new MemoryStream();
            using var bufferWriter = new BinaryWriter(buffer, Encoding.UTF8);
            nodes = bufferWriter;
            nodes.Write7BitEncodedInt(tree.Declarations.Length);
            foreach (var declaration in tree.Declarations)
            {
                WriteDecl(declaration);
            }

            bufferWriter.Flush();
            output.Write7BitEncodedInt(strings.Count);
            foreach (var text in strings.OrderBy(s => s.Value).Select(s => s.Key))
            {
                output.Write(text);
            }

            output.Write(buffer.ToArray());
        }

        private void WriteDecl(Decl declaration)
        {
            switch (declaration)
            {
                case ImportDecl import:
                    Write(Tag.Import);
                    String(import.Path);
                    Span(import.PathSpan);
                    Span(import.Span);
                    break;
                case BlockDecl block:
                    Write(Tag.Block);
                    nodes.Write((byte)block.Kind);
                    String(block.Name);
                    Span(block.NameSpan);
                    OptionalString(block.Base);
                    OptionalSpan(block.BaseSpan);
                    nodes.Write7BitEncodedInt(block.Fields.Length);
                    foreach (var field in block.Fields)
                    {
                        WriteDecl(field);
                    }

                    Span(block.Span);
                    break;
                case FieldDecl field:
                    Write(Tag.Field);
                    String(field.Name);
                    Span(field.NameSpan);
                    Expr(field.Value);
                    Span(field.Span);
                    break;
                case LetDecl let:
                    Write(Tag.Let);
                    String(let.Name);
                    Span(let.NameSpan);
                    Expr(let.Value);
                    Span(let.Span);
                    break;
                case FnDecl fn:
                    Write(Tag.Fn);
                    String(fn.Name);
                    Span(fn.NameSpan);
                    nodes.Write7BitEncodedInt(fn.Parameters.Length);
                    foreach (var parameter in fn.Parameters)
                    {
                        String(parameter.Name);
                        Span(parameter.Span);
                    }

                    Expr(fn.Body);
                    Span(fn.Span);
                    break;
                case UnitDecl unit:
                    Write(Tag.Unit);
                    String(unit.Name);
                    Span(unit.NameSpan);
                    OptionalExpr(unit.Definition);
                    Span(unit.Span);
                    break;
                case OutputDecl output:
                    Write(Tag.Output);
                    String(output.Name);
                    Span(output.NameSpan);
                    OptionalExpr(output.Value);
                    nodes.Write(output.Unit is not null);
                    if (output.Unit is { } shownIn)
                    {
                        Unit(shownIn);
                    }

                    Span(output.Span);
                    break;
                case AssertDecl assert:
                    Write(Tag.Assert);
                    Expr(assert.Condition);
                    OptionalString(assert.Message);
                    Span(assert.Span);
                    break;
                case ScenarioDecl scenario:
                    Write(Tag.Scenario);
                    String(scenario.Name);
                    Span(scenario.NameSpan);
                    nodes.Write7BitEncodedInt(scenario.Settings.Length);
                    foreach (var setting in scenario.Settings)
                    {
                        Path(setting.Path);
                        Span(setting.PathSpan);
                        Expr(setting.Value);
                        Span(setting.Span);
                    }

                    Span(scenario.Span);
                    break;
                case SweepDecl sweep:
                    Write(Tag.Sweep);
                    Path(sweep.Path);
                    Span(sweep.PathSpan);
                    Expr(sweep.Values);
                    Span(sweep.Span);
                    break;
                default:
                    // The builder stops here, so a new kind of declaration fails the build until it is written.
                    throw new NotSupportedException($"no binary form for {declaration.GetType().Name}");
            }
        }

        public bool VisitNumber(NumberExpr number)
        {
            Write(Tag.Number);
            Number(number);
            return true;
        }

        public bool VisitQuantity(QuantityExpr quantity)
        {
            Write(Tag.Quantity);
            Number(quantity.Number);
            Unit(quantity.Unit);
            Span(quantity.Span);
            return true;
        }

        public bool VisitName(NameExpr name)
        {
            Write(Tag.Name);
            String(name.Name);
            Span(name.Span);
            return true;
        }

        public bool VisitMember(MemberExpr member)
        {
            Write(Tag.Member);
            Expr(member.Target);
            String(member.Member);
            Span(member.MemberSpan);
            Span(member.Span);
            return true;
        }

        public bool VisitCall(CallExpr call)
        {
            Write(Tag.Call);
            String(call.Callee);
            Span(call.CalleeSpan);
            nodes.Write7BitEncodedInt(call.Arguments.Length);
            foreach (var argument in call.Arguments)
            {
                OptionalString(argument.Name);
                Expr(argument.Value);
                Span(argument.Span);
            }

            Span(call.Span);
            return true;
        }

        public bool VisitList(ListExpr list)
        {
            Write(Tag.List);
            nodes.Write7BitEncodedInt(list.Items.Length);
            foreach (var item in list.Items)
            {
                Expr(item);
            }

            Span(list.Span);
            return true;
        }

        public bool VisitParen(ParenExpr paren)
        {
            Write(Tag.Paren);
            Expr(paren.Inner);
            Span(paren.Span);
            return true;
        }

        public bool VisitUnary(UnaryExpr unary)
        {
            Write(Tag.Unary);
            nodes.Write((byte)unary.Op);
            Expr(unary.Operand);
            Span(unary.OpSpan);
            Span(unary.Span);
            return true;
        }

        public bool VisitBinary(BinaryExpr binary)
        {
            Write(Tag.Binary);
            nodes.Write((byte)binary.Op);
            Expr(binary.Left);
            Expr(binary.Right);
            Span(binary.OpSpan);
            Span(binary.Span);
            return true;
        }

        public bool VisitRange(RangeExpr range)
        {
            Write(Tag.Range);
            Expr(range.Low);
            Expr(range.High);
            Span(range.OpSpan);
            Span(range.Span);
            return true;
        }

        public bool VisitIf(IfExpr conditional)
        {
            Write(Tag.If);
            Expr(conditional.Condition);
            Expr(conditional.Then);
            Expr(conditional.Else);
            Span(conditional.Span);
            return true;
        }

        public bool VisitConvert(ConvertExpr convert)
        {
            Write(Tag.Convert);
            Expr(convert.Value);
            Unit(convert.Unit);
            Span(convert.Span);
            return true;
        }

        private void Expr(Expr expr) => expr.Accept(this);

        private void OptionalExpr(Expr? expr)
        {
            nodes.Write(expr is not null);
            expr?.Accept(this);
        }

        private void Number(NumberExpr number)
        {
            // The bits of the double, so the value read back is the value parsed, to the last bit.
            nodes.Write(BitConverter.DoubleToInt64Bits(number.Value));
            String(number.Text);
            nodes.Write(number.IsPercent);
            Span(number.Span);
        }

        private void Unit(UnitSyntax unit)
        {
            nodes.Write7BitEncodedInt(unit.Factors.Length);
            foreach (var factor in unit.Factors)
            {
                String(factor.Name);
                nodes.Write(factor.Power);
                Span(factor.Span);
            }

            Span(unit.Span);
        }

        private void Path(ImmutableArray<string> path)
        {
            nodes.Write7BitEncodedInt(path.Length);
            foreach (var part in path)
            {
                String(part);
            }
        }

        private void Write(Tag tag) => nodes.Write((byte)tag);

        private void String(string text)
        {
            if (!strings.TryGetValue(text, out var index))
            {
                strings[text] = index = strings.Count;
            }

            nodes.Write7BitEncodedInt(index);
        }

        private void OptionalString(string? text)
        {
            nodes.Write(text is not null);
            if (text is not null)
            {
                String(text);
            }
        }

        private void Span(SourceSpan span)
        {
            nodes.Write7BitEncodedInt(span.Start);
            nodes.Write7BitEncodedInt(span.Length);
            nodes.Write7BitEncodedInt(span.Line);
            nodes.Write7BitEncodedInt(span.Column);
        }

        private void OptionalSpan(SourceSpan? span)
        {
            nodes.Write(span is not null);
            if (span is not null)
            {
                Span(span);
            }
        }
    }
}
