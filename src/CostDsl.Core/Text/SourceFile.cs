namespace CostDsl.Text;

/// <summary>The text of one .cost file and the path it is reported under.</summary>
public sealed class SourceFile
{
    private int[]? lineStarts;

    public SourceFile(string path, string text, string? location = null)
    {
        Path = path;
        Text = text;
        Location = location ?? path;
    }

    /// <summary>The path as the user sees it in diagnostics (relative, or std/...).</summary>
    public string Path { get; }

    /// <summary>Where the file really is (a full path, or std/... for the bundled library): its identity for imports.</summary>
    public string Location { get; }

    public string Text { get; }

    /// <summary>The text of a 1-based line, without its line break.</summary>
    public string LineText(int line)
    {
        var starts = LineStarts();
        if (line < 1 || line > starts.Length)
        {
            return string.Empty;
        }

        var start = starts[line - 1];
        var end = line < starts.Length ? starts[line] - 1 : Text.Length;
        return Text[start..end].TrimEnd('\r');
    }

    /// <summary>The 1-based line and column of a character offset.</summary>
    public (int Line, int Column) Position(int offset)
    {
        var starts = LineStarts();
        var index = Array.BinarySearch(starts, offset);
        var line = index >= 0 ? index : ~index - 1;
        return (line + 1, offset - starts[line] + 1);
    }

    public SourceSpan Span(int start, int length)
    {
        var (line, column) = Position(start);
        return new SourceSpan(this, start, length, line, column);
    }

    private int[] LineStarts()
    {
        // Computed on first use; a benign race computes the same array twice.
        if (lineStarts is { } known)
        {
            return known;
        }

        var starts = new List<int> { 0 };
        for (var i = 0; i < Text.Length; i++)
        {
            if (Text[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }

        lineStarts = starts.ToArray();
        return lineStarts;
    }

    public override string ToString() => Path;
}
