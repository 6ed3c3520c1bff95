namespace CostDsl.Syntax;

/// <summary>Walks an expression tree without recursion, so that very deep trees are safe to scan.</summary>
public static class SyntaxWalker
{
    public static IEnumerable<Expr> Descendants(Expr root)
    {
        var pending = new Stack<Expr>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var expr = pending.Pop();
            yield return expr;
            foreach (var child in Children(expr))
            {
                pending.Push(child);
            }
        }
    }

    public static IEnumerable<Expr> Children(Expr expr) => expr.Accept(ChildNodes.Instance);

    /// <summary>
    /// Visits <paramref name="root"/> and its descendants in the order they are written, going below a node only
    /// when <paramref name="visit"/> returns true for it (a node that stands for its whole subtree returns false).
    /// </summary>
    public static void InWrittenOrder(Expr root, Func<Expr, bool> visit)
    {
        var pending = new Stack<Expr>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var expr = pending.Pop();
            if (!visit(expr))
            {
                continue;
            }

            // Children in reverse, so that they come off the stack in the order they are written.
            foreach (var child in Children(expr).Reverse())
            {
                pending.Push(child);
            }
        }
    }

    /// <summary>The direct children of each kind of node, in the order they are written.</summary>
    private sealed class ChildNodes : IExprVisitor<IEnumerable<Expr>>
    {
        public static readonly ChildNodes Instance = new();

        public IEnumerable<Expr> VisitNumber(NumberExpr number) => [];

        public IEnumerable<Expr> VisitQuantity(QuantityExpr quantity) => [quantity.Number];

        public IEnumerable<Expr> VisitName(NameExpr name) => [];

        public IEnumerable<Expr> VisitMember(MemberExpr member) => [member.Target];

        public IEnumerable<Expr> VisitCall(CallExpr call) => call.Arguments.Select(a => a.Value);

        public IEnumerable<Expr> VisitList(ListExpr list) => list.Items;

        public IEnumerable<Expr> VisitParen(ParenExpr paren) => [paren.Inner];

        public IEnumerable<Expr> VisitUnary(UnaryExpr unary) => [unary.Operand];

        public IEnumerable<Expr> VisitBinary(BinaryExpr binary) => [binary.Left, binary.Right];

        public IEnumerable<Expr> VisitRange(RangeExpr range) => [range.Low, range.High];

        public IEnumerable<Expr> VisitIf(IfExpr conditional) => [conditional.Condition, conditional.Then, conditional.Else];

        public IEnumerable<Expr> VisitConvert(ConvertExpr convert) => [convert.Value];
    }

    /// <summary>The depth of the deepest path, counted without recursion.</summary>
    public static int Depth(Expr root)
    {
        var deepest = 0;
        var pending = new Stack<(Expr Expr, int Depth)>();
        pending.Push((root, 1));
        while (pending.Count > 0)
        {
            var (expr, depth) = pending.Pop();
            deepest = Math.Max(deepest, depth);
            foreach (var child in Children(expr))
            {
                pending.Push((child, depth + 1));
            }
        }

        return deepest;
    }
}
