namespace CostDsl.Engine;

/// <summary>How to evaluate a spec: overrides from the command line, and the Monte Carlo settings.</summary>
public sealed record EvaluationOptions
{
    public const int DefaultSamples = 10_000;
    public const int DefaultSeed = 1;

    /// <summary><c>PATH=EXPR</c> overrides, as given to <c>--set</c>.</summary>
    public IReadOnlyList<string> Sets { get; init; } = [];

    public int Samples { get; init; } = DefaultSamples;

    public int Seed { get; init; } = DefaultSeed;
}
