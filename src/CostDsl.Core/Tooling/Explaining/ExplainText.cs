using System.Text;

namespace CostDsl.Tooling.Explaining;

/// <summary>An explain tree as indented text: one step a line, its value, where it is written, and its source comment.</summary>
public static class ExplainText
{
    public static string Write(ExplainNode root)
    {
        var text = new StringBuilder();
        var pending = new Stack<(ExplainNode Node, string Prefix, string ChildPrefix)>();
        pending.Push((root, string.Empty, string.Empty));
        while (pending.Count > 0)
        {
            var (node, prefix, childPrefix) = pending.Pop();
            text.Append(prefix).Append(Line(node)).Append('\n');
            for (var i = node.Children.Count - 1; i >= 0; i--)
            {
                var last = i == node.Children.Count - 1;
                pending.Push((node.Children[i], childPrefix + (last ? "└─ " : "├─ "), childPrefix + (last ? "   " : "│  ")));
            }
        }

        return text.ToString();
    }

    /// <summary><c>gpus = rps * flop / (A100.int8 * util) = 15.87  (examples/chat.cost:16)</c></summary>
    public static string Line(ExplainNode node)
    {
        var text = new StringBuilder();
        switch (node.Kind)
        {
            case ExplainKind.Block:
                text.Append(node.Name).Append(" (").Append(node.Expression).Append(')');
                break;
            case ExplainKind.Unit:
                text.Append("unit ").Append(node.Name).Append(" = ").Append(node.Expression).Append(" = ").Append(node.Value);
                break;
            case ExplainKind.Literal:
                text.Append(node.Expression);
                break;
            case ExplainKind.Call:
                text.Append(node.Expression).Append(" = ").Append(node.Value);
                break;
            default:
                text.Append(node.Name).Append(" = ").Append(node.Expression);
                if (!node.IsLiteral || node.Value.IsUncertain)
                {
                    text.Append(" = ").Append(node.Value);
                }

                break;
        }

        text.Append("  (").Append(node.File).Append(':').Append(node.Line);
        if (node.DeclaredIn is not null)
        {
            text.Append(", in ").Append(node.DeclaredIn);
        }

        text.Append(')');
        if (node.Source is not null)
        {
            text.Append("  # ").Append(node.Source);
        }

        if (node.Truncated)
        {
            text.Append("  [...]");
        }

        if (node.Repeated)
        {
            text.Append("  [see above]");
        }

        return text.ToString();
    }
}
