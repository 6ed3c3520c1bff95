using CostDsl.Text;

namespace CostDsl.Tooling.Formatting;

/// <summary>
/// A comment as it stands in the source. The parser drops comments, so tools that keep them (fmt)
/// or quote them (explain) find them in the text. <see cref="Standalone"/>: nothing but blanks before it on its line.
/// </summary>
public sealed record SourceComment(int Start, int Line, int Column, string Text, bool Standalone)
{
    /// <summary>The comment's words, without the leading '#' or '//'.</summary>
    public string Body => (Text.StartsWith('#') ? Text[1..] : Text[2..]).Trim();

    /// <summary>
    /// Every comment of a file: '#' or '//' outside a string literal, to the end of its line.
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
