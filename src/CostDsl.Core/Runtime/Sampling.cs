namespace CostDsl.Runtime;

/// <summary>How many Monte Carlo samples to draw, and from which seed.</summary>
public sealed record Sampling(int Samples, int Seed)
{
    /// <summary>Which points of a sweep grid to evaluate: all of them, or one part (<c>eval --shard</c>).</summary>
    public GridPart Part { get; init; } = GridPart.Whole;

    public static readonly Sampling Default = new(10_000, 1);
}
