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

    public static IEnumerable<Expr> Children(Expr expr) => expr switch
    {
        QuantityExpr q => [q.Number],
        MemberExpr m => [m.Target],
        CallExpr c => c.Arguments.Select(a => a.Value),
        ListExpr l => l.Items,
        ParenExpr p => [p.Inner],
        UnaryExpr u => [u.Operand],
        BinaryExpr b => [b.Left, b.Right],
        RangeExpr r => [r.Low, r.High],
        IfExpr i => [i.Condition, i.Then, i.Else],
        ConvertExpr c => [c.Value],
        _ => [],
    };

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
