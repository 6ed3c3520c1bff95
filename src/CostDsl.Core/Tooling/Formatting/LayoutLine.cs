using CostDsl.Syntax;

namespace CostDsl.Tooling.Formatting;

/// <summary>
/// One line of fmt's output before it is written. An aligned line is <see cref="Head"/> = <see cref="Tail"/>,
/// padded so that the '=' of its <see cref="Group"/> line up; any other line is <see cref="Head"/> alone.
/// </summary>
internal sealed record LayoutLine(string Head, string? Tail = null, int Group = -1)
{
    public static readonly LayoutLine Blank = new(string.Empty);

    public SourceComment? Trailing { get; set; }

    /// <summary>A comment on a line of its own, at <see cref="Indent"/> unless it continues the comment above.</summary>
    public SourceComment? Standalone { get; init; }

    public int Indent { get; init; }
}
