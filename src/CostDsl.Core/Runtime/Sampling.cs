namespace CostDsl.Runtime;

/// <summary>How many Monte Carlo samples to draw, and from which seed.</summary>
public sealed record Sampling(int Samples, int Seed)
{
    public static readonly Sampling Default = new(10_000, 1);
}
