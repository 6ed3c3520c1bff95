using System.Text;

namespace CostDsl.Diagnostics;

/// <summary>Renders diagnostics the way a compiler does: location, code, message, the line, a caret.</summary>
public static class DiagnosticRenderer
{
    private const int MaxWidth = 120;

    public static string Render(Diagnostic diagnostic)
    {
        var text = new StringBuilder();
        text.Append(diagnostic).Append('\n');
        if (diagnostic.Span is not { } span)
        {
            return text.ToString();
        }

        var line = span.File.LineText(span.Line).Replace('\t', ' ');
        var caretColumn = Math.Min(span.Column - 1, line.Length);

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
}
