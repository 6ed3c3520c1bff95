using System.Collections.Immutable;
using System.Text;
using CostDsl.Syntax;
using CostDsl.Text;

namespace CostDsl.Modules;

public sealed partial class PrecompiledLibrary
{
    /// <summary>Reads what <see cref="TreeWriter"/> wrote, with every span pointing into <paramref name="file"/>.</summary>
    private sealed class TreeReader(BinaryReader reader, SourceFile file)
    {
        private string[] strings = [];

        public SyntaxTree ReadTree()
        {
            strings = new string[Count()];
            for (var i = 0; i < strings.Length; i++)
            {
                strings[i] = reader.ReadString();
            }

            // Comments are not stored: the tree scans them from the text when they are first read, as a parsed one does.
            return new SyntaxTree(file, Array(Decl));
        }

        private Decl Decl() => (Tag)reader.ReadByte() switch
        {
            Tag.Import => new ImportDecl(String(), Span(), Span()),
            Tag.Block => Block(),
            Tag.Field => Field(),
            Tag.Let => new LetDecl(String(), Span(), Expr(), Span()),
            Tag.Fn => new FnDecl(String(), Span(), Array(() => new Parameter(String(), Span())), Expr(), Span()),
            Tag.Unit => new UnitDecl(String(), Span(), OptionalExpr(), Span()),
            Tag.Output => new OutputDecl(String(), Span(), OptionalExpr(), reader.ReadBoolean() ? Unit() : null, Span()),
            Tag.Assert => new AssertDecl(Expr(), OptionalString(), Span()),
            Tag.Scenario => new ScenarioDecl(String(), Span(), Array(() => new ScenarioSetting(Path(), Span(), Expr(), Span())), Span()),
            Tag.Sweep => new SweepDecl(Path(), Span(), Expr() as ListExpr ?? throw new InvalidDataException("a sweep's values are not a list"), Span()),
            var tag => throw new InvalidDataException($"no declaration has tag {tag}"),
        };

        private BlockDecl Block()
        {
            var kind = (BlockKind)reader.ReadByte();
            if (!Enum.IsDefined(kind))
            {
                throw new InvalidDataException($"no block kind {kind}");
            }

            return new BlockDecl(kind, String(), Span(), OptionalString(), OptionalSpan(), Array(() => Decl() as FieldDecl ?? throw new InvalidDataException("a block holds a non-field")), Span());
        }

        private FieldDecl Field() => new(String(), Span(), Expr(), Span());

        private Expr Expr() => (Tag)reader.ReadByte() switch
        {
            Tag.Number => Number(),
            Tag.Quantity => new QuantityExpr(Number(), Unit(), Span()),
            Tag.Name => new NameExpr(String(), Span()),
            Tag.Member => new MemberExpr(Expr(), String(), Span(), Span()),
            Tag.Call => new CallExpr(String(), Span(), Array(() => new Argument(OptionalString(), Expr(), Span())), Span()),
            Tag.List => new ListExpr(Array(Expr), Span()),
            Tag.Paren => new ParenExpr(Expr(), Span()),
            Tag.Unary => new UnaryExpr(Unary(), Expr(), Span(), Span()),
            Tag.Binary => new BinaryExpr(Binary(), Expr(), Expr(), Span(), Span()),
            Tag.Range => new RangeExpr(Expr(), Expr(), Span(), Span()),
            Tag.If => new IfExpr(Expr(), Expr(), Expr(), Span()),
            Tag.Convert => new ConvertExpr(Expr(), Unit(), Span()),
            var tag => throw new InvalidDataException($"no expression has tag {tag}"),
        };

        private Expr? OptionalExpr() => reader.ReadBoolean() ? Expr() : null;

        private NumberExpr Number() => new(BitConverter.Int64BitsToDouble(reader.ReadInt64()), String(), reader.ReadBoolean(), Span());

        private UnitSyntax Unit() => new(Array(() => new UnitFactor(String(), reader.ReadInt32(), Span())), Span());

        private ImmutableArray<string> Path() => Array(String);

        private UnaryOp Unary()
        {
            var op = (UnaryOp)reader.ReadByte();
            return Enum.IsDefined(op) ? op : throw new InvalidDataException($"no unary operator {op}");
        }

        private BinaryOp Binary()
        {
            var op = (BinaryOp)reader.ReadByte();
            return Enum.IsDefined(op) ? op : throw new InvalidDataException($"no binary operator {op}");
        }

        /// <summary>A count of items that follow; more than the bytes left cannot be, so a damaged form stops here rather than allocating.</summary>
        private int Count()
        {
            var count = reader.Read7BitEncodedInt();
            return count >= 0 && count <= reader.BaseStream.Length - reader.BaseStream.Position
                ? count
                : throw new InvalidDataException($"a list of {count} items");
        }

        private ImmutableArray<T> Array<T>(Func<T> item)
        {
            var count = Count();
            var items = ImmutableArray.CreateBuilder<T>(count);
            for (var i = 0; i < count; i++)
            {
                items.Add(item());
            }

            return items.MoveToImmutable();
        }

        private string String()
        {
            var index = reader.Read7BitEncodedInt();
            return (uint)index < (uint)strings.Length ? strings[index] : throw new InvalidDataException($"no string {index}");
        }

        private string? OptionalString() => reader.ReadBoolean() ? String() : null;

        private SourceSpan Span()
        {
            var start = reader.Read7BitEncodedInt();
            var length = reader.Read7BitEncodedInt();
            var line = reader.Read7BitEncodedInt();
            var column = reader.Read7BitEncodedInt();
            if (start < 0 || length < 0 || start > file.Text.Length)
            {
                throw new InvalidDataException($"a span at {start} past the end of {file.Path}");
            }

            return new SourceSpan(file, start, length, line, column);
        }

        private SourceSpan? OptionalSpan() => reader.ReadBoolean() ? Span() : null;
    }
}
