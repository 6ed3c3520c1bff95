using CostDsl.Text;

namespace CostDsl.Syntax;

/// <summary>
/// A comment as it stands in the source: trivia the parser keeps with the tree
/// (<see cref="SyntaxTree.Comments"/>), so fmt (which keeps them), explain, diff and the language
/// server (which quote them) read them from one place. <see cref="Standalone"/>: nothing but blanks
/// before it on its line.
/// </summary>
public sealed record SourceComment(int Start, int Line, int Column, string Text, bool Standalone)
{
    /// <summary>The comment's words, without the leading '#' or '//'.</summary>
    public string Body => (Text.StartsWith('#') ? Text[1..] : Text[2..]).Trim();

    /// <summary>The comments after the code on the lines of <paramref name="span"/>, joined: where a figure comes from.</summary>
    public static string? After(IReadOnlyList<SourceComment> comments, SourceSpan span)
    {
        var last = span.File.Position(Math.Max(span.Start, span.End - 1)).Line;
        var found = comments.Where(c => !c.Standalone && c.Line >= span.Line && c.Line <= last).Select(c => c.Body).Where(b => b.Length > 0).ToList();
        return found.Count == 0 ? null : string.Join(" ", found);
    }

    /// <summary>The comment lines right above <paramref name="span"/> (a block's notes), in order.</summary>
    public static string? Above(IReadOnlyList<SourceComment> comments, SourceSpan span)
    {
        var byLine = comments.Where(c => c.Standalone).ToDictionary(c => c.Line);
        var lines = new List<string>();
        for (var line = span.Line - 1; byLine.TryGetValue(line, out var comment); line--)
        {
            lines.Insert(0, comment.Body);
        }

        return lines.Count == 0 ? null : string.Join("\n", lines);
    }

    /// <summary>
    /// Every comment of a file (the parser's scan; tools read <see cref="SyntaxTree.Comments"/>): '#' or '//' outside a string literal, to the end of its line.
    /// Strings are double-quoted, end at their line, and escape only <c>\"</c> and <c>\\</c>.
    /// </summary>
    public static IReadOnlyList<SourceComment> Scan(SourceFile file)
    {
        var text = file.Text;
        var comments = new List<SourceComment>();
        var inString = false;
        var lineStart = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                inString = false;
                lineStart = i + 1;
                continue;
            }

            if (inString)
            {
                if (c == '\\' && i + 1 < text.Length && text[i + 1] is '"' or '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            if (c == '"')
            {
                inString = true;
                continue;
            }

            if (c == '#' || (c == '/' && i + 1 < text.Length && text[i + 1] == '/'))
            {
                var end = text.IndexOf('\n', i);
                end = end < 0 ? text.Length : end;
                var body = text[i..end].TrimEnd('\r', ' ', '\t');
                var (line, column) = file.Position(i);
                var standalone = text[lineStart..i].All(ch => ch is ' ' or '\t');
                comments.Add(new SourceComment(i, line, column, body, standalone));
                i = end - 1;
            }
        }

        return comments;
    }
}
