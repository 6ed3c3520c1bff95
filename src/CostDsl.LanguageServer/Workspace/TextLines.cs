using CostDsl.LanguageServer.Protocol;
using CostDsl.Text;

namespace CostDsl.LanguageServer.Workspace;

/// <summary>
/// Converts between character offsets and LSP positions (zero-based line, UTF-16 character). A C#
/// string counts UTF-16 code units already, so a character is an offset from the line's start.
/// Lines end at '\n' (a '\r' before it belongs to no line's text), as in <see cref="SourceFile"/>.
/// </summary>
public sealed class TextLines
{
    private readonly string text;
    private readonly int[] starts;

    public TextLines(string text)
    {
        this.text = text;
        var found = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                found.Add(i + 1);
            }
        }

        starts = [.. found];
    }

    public int LineCount => starts.Length;

    /// <summary>The offset of a position; a position past a line's end or past the text is clamped to it.</summary>
    public int Offset(Position position)
    {
        if (position.Line < 0)
        {
            return 0;
        }

        if (position.Line >= starts.Length)
        {
            return text.Length;
        }

        var start = starts[position.Line];
        var end = position.Line + 1 < starts.Length ? starts[position.Line + 1] - 1 : text.Length;
        if (end > start && text[end - 1] == '\r')
        {
            end--;
        }

        return start + Math.Clamp(position.Character, 0, end - start);
    }

    public Position Position(int offset)
    {
        offset = Math.Clamp(offset, 0, text.Length);
        var index = Array.BinarySearch(starts, offset);
        var line = index >= 0 ? index : ~index - 1;
        return new Position(line, offset - starts[line]);
    }

    public Protocol.Range Range(int start, int length) => new(Position(start), Position(start + length));

    public Protocol.Range Range(SourceSpan span) => Range(span.Start, span.Length);

    /// <summary>The text with one edit applied.</summary>
    public string Apply(Protocol.Range range, string replacement)
    {
        var start = Offset(range.Start);
        var end = Math.Max(start, Offset(range.End));
        return string.Concat(text.AsSpan(0, start), replacement, text.AsSpan(end));
    }
}
