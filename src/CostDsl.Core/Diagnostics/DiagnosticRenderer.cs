using System.Text;

namespace CostDsl.Diagnostics;

/// <summary>
/// Renders diagnostics the way a compiler does: location, code, message, the line, a caret. Control
/// characters from the spec (ESC, BEL, a bare CR, C1 codes) are shown escaped (\x1b), never sent raw:
/// a spec must not be able to retitle or rewrite the terminal of whoever checks it.
/// </summary>
public static class DiagnosticRenderer
{
    private const int MaxWidth = 120;

    public static string Render(Diagnostic diagnostic)
    {
        var text = new StringBuilder();
        text.Append(Escape(diagnostic.ToString())).Append('\n');
        if (diagnostic.Span is not { } span)
        {
            return text.ToString();
        }

        var raw = span.File.LineText(span.Line).Replace('\t', ' ');
        var rawColumn = Math.Min(span.Column - 1, raw.Length);

        // The caret moves right by what escaping added before it.
        var line = Escape(raw);
        var caretColumn = Escape(raw[..rawColumn]).Length;

        // A very long line is shown as a window around the caret, so the caret stays on screen.
        if (line.Length > MaxWidth)
        {
            var start = Math.Clamp(caretColumn - (MaxWidth / 2), 0, line.Length - MaxWidth);
            line = (start > 0 ? "..." : string.Empty) + line.Substring(start, MaxWidth) + (start + MaxWidth < line.Length ? "..." : string.Empty);
            caretColumn = caretColumn - start + (start > 0 ? 3 : 0);
        }

        var gutter = span.Line.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var pad = new string(' ', gutter.Length);
        text.Append("   ").Append(gutter).Append(" | ").Append(line).Append('\n');
        var width = Math.Clamp(Math.Min(span.Length, line.Length - caretColumn), 1, Math.Max(1, line.Length - caretColumn + 1));
        text.Append("   ").Append(pad).Append(" | ").Append(' ', caretColumn).Append('^', width).Append('\n');
        return text.ToString();
    }

    public static string RenderAll(IEnumerable<Diagnostic> diagnostics) =>
        string.Concat(diagnostics.Select(Render));

    /// <summary>The text with every control character but line feed written as \xHH (or \uHHHH above 0xFF).</summary>
    public static string Escape(string text)
    {
        if (!text.Any(IsControl))
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (IsControl(c))
            {
                escaped.Append(c <= 0xFF ? $"\\x{(int)c:x2}" : $"\\u{(int)c:x4}");
            }
            else
            {
                escaped.Append(c);
            }
        }

        return escaped.ToString();
    }

    /// <summary>C0 and C1 controls and DEL, besides line feed; also the bidirectional overrides, which reorder what a reader sees.</summary>
    private static bool IsControl(char c) =>
        (char.IsControl(c) && c != '\n') || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';
}
