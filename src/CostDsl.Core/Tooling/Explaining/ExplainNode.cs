namespace CostDsl.Tooling.Explaining;

/// <summary>What a step of a derivation is.</summary>
public enum ExplainKind
{
    Output,
    Let,
    Field,
    Call,
    Literal,
    Unit,
    Block,
    Override,
}

/// <summary>
/// One step of a derivation: an expression, its value, where it is written, and the steps it rests
/// on. A leaf is an assumption: a literal, a catalog figure (with the comment that sources it), a
/// user-declared unit (an exchange rate), or a --set override.
/// </summary>
public sealed record ExplainNode(
    ExplainKind Kind,
    string? Name,
    string Expression,
    ShownValue Value,
    string File,
    int Line,
    IReadOnlyList<ExplainNode> Children)
{
    /// <summary>The comment on the line of the declaration: for catalog figures, their source.</summary>
    public string? Source { get; init; }

    /// <summary>The block that declares a field reached through <c>extends</c> (A100.int8 is A100_80GB's).</summary>
    public string? DeclaredIn { get; init; }

    /// <summary>Its steps were left out: --depth was reached.</summary>
    public bool Truncated { get; init; }

    /// <summary>Its steps are shown where it first appears in the tree.</summary>
    public bool Repeated { get; init; }

    /// <summary>Is the expression its own value (a literal), so that showing both would say it twice?</summary>
    public bool IsLiteral { get; init; }

    public IEnumerable<ExplainNode> DescendantsAndSelf()
    {
        var pending = new Stack<ExplainNode>();
        pending.Push(this);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            yield return node;
            for (var i = node.Children.Count - 1; i >= 0; i--)
            {
                pending.Push(node.Children[i]);
            }
        }
    }
}
