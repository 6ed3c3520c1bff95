namespace CostDsl.Text;

/// <summary>A stretch of a source file: where a node, token or diagnostic stands.</summary>
public sealed record SourceSpan(SourceFile File, int Start, int Length, int Line, int Column)
{
    public int End => Start + Length;

    /// <summary>The span from the start of <paramref name="first"/> to the end of <paramref name="last"/>.</summary>
    public static SourceSpan Cover(SourceSpan first, SourceSpan last) =>
        first with { Length = Math.Max(first.Length, last.End - first.Start) };

    public string Text => File.Text.Substring(Start, Math.Min(Length, File.Text.Length - Start));

    // Spans compare by place, not by file contents, so AST records stay cheap to compare.
    public bool Equals(SourceSpan? other) =>
        other is not null && ReferenceEquals(File, other.File) && Start == other.Start && Length == other.Length;

    public override int GetHashCode() => HashCode.Combine(File.Path, Start, Length);

    public override string ToString() => $"{File.Path}:{Line}:{Column}";
}
