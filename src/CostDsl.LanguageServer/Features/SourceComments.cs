using CostDsl.Text;
using CostDsl.Tooling.Formatting;

namespace CostDsl.LanguageServer.Features;

/// <summary>The comments that say where a figure comes from, found as <c>costdsl explain</c> finds them.</summary>
public static class SourceComments
{
    /// <summary>The comments after the code on the lines of <paramref name="span"/>: a catalog figure's source.</summary>
    public static string? On(SourceSpan span)
    {
        var last = span.File.Position(Math.Max(span.Start, span.End - 1)).Line;
        var found = SourceComment.Scan(span.File).Where(c => !c.Standalone && c.Line >= span.Line && c.Line <= last).Select(c => c.Body).Where(b => b.Length > 0).ToList();
        return found.Count == 0 ? null : string.Join(" ", found);
    }

    /// <summary>The comment lines right above a declaration (a block's notes), in order.</summary>
    public static string? Above(SourceSpan span)
    {
        var byLine = SourceComment.Scan(span.File).Where(c => c.Standalone).ToDictionary(c => c.Line);
        var lines = new List<string>();
        for (var line = span.Line - 1; byLine.TryGetValue(line, out var comment); line--)
        {
            lines.Insert(0, comment.Body);
        }

        return lines.Count == 0 ? null : string.Join("\n", lines);
    }
}
