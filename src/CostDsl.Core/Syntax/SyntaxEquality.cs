namespace CostDsl.Syntax;

/// <summary>
/// Whether two syntax trees say the same thing, whatever their layout: spans (and so comments and
/// blank lines) are ignored, everything else (names, numbers as written, operators, units) must
/// match. The syntax records' own equality compares spans, so two parses of one program laid out
/// differently are never equal as records; fmt's round-trip check, diff's "unchanged" and explain's
/// "same call" ask this instead.
/// </summary>
public sealed class SyntaxEquality : IEqualityComparer<Expr>
{
    /// <summary>Compares expressions structurally; usable as a dictionary or set comparer.</summary>
    public static readonly SyntaxEquality Expressions = new();

    private SyntaxEquality()
    {
    }

    public static bool Same(SyntaxTree a, SyntaxTree b) =>
        a.Declarations.Length == b.Declarations.Length && a.Declarations.Zip(b.Declarations).All(p => Same(p.First, p.Second));

    public static bool Same(Expr? a, Expr? b) => a is null || b is null ? a is null && b is null : a.Accept(new Matcher(b));

    public static bool Same(UnitSyntax? a, UnitSyntax? b) =>
        a is null || b is null ? a is null && b is null : a.Factors.Select(f => (f.Name, f.Power)).SequenceEqual(b.Factors.Select(f => (f.Name, f.Power)));

    public static bool Same(Decl a, Decl b) => (a, b) switch
    {
        (ImportDecl x, ImportDecl y) => x.Path == y.Path,
        (BlockDecl x, BlockDecl y) => x.Kind == y.Kind && x.Name == y.Name && x.Base == y.Base && Pairwise(x.Fields, y.Fields, (f, g) => Same(f, g)),
        (FieldDecl x, FieldDecl y) => x.Name == y.Name && Same(x.Value, y.Value),
        (LetDecl x, LetDecl y) => x.Name == y.Name && Same(x.Value, y.Value),
        (FnDecl x, FnDecl y) => x.Name == y.Name && Pairwise(x.Parameters, y.Parameters, (p, q) => p.Name == q.Name) && Same(x.Body, y.Body),
        (UnitDecl x, UnitDecl y) => x.Name == y.Name && Same(x.Definition, y.Definition),
        (OutputDecl x, OutputDecl y) => x.Name == y.Name && Same(x.Value, y.Value) && Same(x.Unit, y.Unit),
        (AssertDecl x, AssertDecl y) => Same(x.Condition, y.Condition) && x.Message == y.Message,
        (SweepDecl x, SweepDecl y) => x.Path.SequenceEqual(y.Path) && Same(x.Values, y.Values),
        (ScenarioDecl x, ScenarioDecl y) => x.Name == y.Name
            && Pairwise(x.Settings, y.Settings, (s, t) => s.Path.SequenceEqual(t.Path) && Same(s.Value, t.Value)),

        // Different kinds, or a kind added later and not compared here: never "the same", so fmt
        // refuses to rewrite it and diff shows it as changed rather than hiding a change.
        _ => false,
    };

    public bool Equals(Expr? x, Expr? y) => Same(x, y);

    /// <summary>A hash that ignores spans: the node's kind and its own name, callee or operator (not its children, which Equals compares).</summary>
    public int GetHashCode(Expr obj) => obj switch
    {
        NameExpr n => HashCode.Combine(nameof(NameExpr), n.Name),
        CallExpr c => HashCode.Combine(nameof(CallExpr), c.Callee, c.Arguments.Length),
        MemberExpr m => HashCode.Combine(nameof(MemberExpr), m.Member),
        NumberExpr n => HashCode.Combine(nameof(NumberExpr), n.Text),
        UnaryExpr u => HashCode.Combine(nameof(UnaryExpr), u.Op),
        BinaryExpr b => HashCode.Combine(nameof(BinaryExpr), b.Op),
        _ => obj.GetType().GetHashCode(),
    };

    private static bool Pairwise<T>(IReadOnlyList<T> a, IReadOnlyList<T> b, Func<T, T, bool> same)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        for (var i = 0; i < a.Count; i++)
        {
            if (!same(a[i], b[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Compares each kind of node with the other tree's node; a visitor, so a new kind must be compared here to compile.</summary>
    private sealed class Matcher(Expr other) : IExprVisitor<bool>
    {
        // The number as written and its value bit for bit, as the dump compared them (0 and -0 differ).
        public bool VisitNumber(NumberExpr number) => other is NumberExpr o && o.Text == number.Text && o.IsPercent == number.IsPercent
            && BitConverter.DoubleToInt64Bits(o.Value) == BitConverter.DoubleToInt64Bits(number.Value);

        public bool VisitQuantity(QuantityExpr quantity) => other is QuantityExpr o && Same(quantity.Number, o.Number) && Same(quantity.Unit, o.Unit);

        public bool VisitName(NameExpr name) => other is NameExpr o && o.Name == name.Name;

        public bool VisitMember(MemberExpr member) => other is MemberExpr o && o.Member == member.Member && Same(member.Target, o.Target);

        public bool VisitCall(CallExpr call) => other is CallExpr o && o.Callee == call.Callee
            && Pairwise(call.Arguments, o.Arguments, (a, b) => a.Name == b.Name && Same(a.Value, b.Value));

        public bool VisitList(ListExpr list) => other is ListExpr o && Pairwise(list.Items, o.Items, Same);

        public bool VisitParen(ParenExpr paren) => other is ParenExpr o && Same(paren.Inner, o.Inner);

        public bool VisitUnary(UnaryExpr unary) => other is UnaryExpr o && o.Op == unary.Op && Same(unary.Operand, o.Operand);

        public bool VisitBinary(BinaryExpr binary) => other is BinaryExpr o && o.Op == binary.Op && Same(binary.Left, o.Left) && Same(binary.Right, o.Right);

        public bool VisitRange(RangeExpr range) => other is RangeExpr o && Same(range.Low, o.Low) && Same(range.High, o.High);

        public bool VisitIf(IfExpr conditional) => other is IfExpr o && Same(conditional.Condition, o.Condition) && Same(conditional.Then, o.Then) && Same(conditional.Else, o.Else);

        public bool VisitConvert(ConvertExpr convert) => other is ConvertExpr o && Same(convert.Value, o.Value) && Same(convert.Unit, o.Unit);
    }
}
