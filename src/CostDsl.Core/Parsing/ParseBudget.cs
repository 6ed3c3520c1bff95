namespace CostDsl.Parsing;

/// <summary>
/// Bounds how deeply one parse may recurse. Sprache parsers recurse on nested brackets, and a
/// stack overflow cannot be caught in .NET, so nesting past the limit fails the parse instead.
/// One budget belongs to one parse of one file; it is never shared between threads.
/// </summary>
internal sealed class ParseBudget(int maxDepth)
{
    public int MaxDepth { get; } = maxDepth;

    public int Depth { get; set; }

    /// <summary>Where nesting first went past the limit, if it did.</summary>
    public int? ExceededAt { get; set; }
}
