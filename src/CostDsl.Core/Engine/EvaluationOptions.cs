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

    /// <summary><c>PATH=[v1, v2, ...]</c> sweeps, as given to <c>--sweep</c>; they follow the file's own sweeps in the grid.</summary>
    public IReadOnlyList<string> Sweeps { get; init; } = [];

    /// <summary>An output to decompose by uncertain input (<c>--sensitivity</c>), or null.</summary>
    public string? Sensitivity { get; init; }

    /// <summary>A scenario of the spec to apply before <see cref="Sets"/> (<c>--scenario</c>), or null.</summary>
    public string? Scenario { get; init; }

    /// <summary>The part of the sweep grid to evaluate (<c>--shard K/N</c>); every point by default.</summary>
    public Runtime.GridPart Part { get; init; } = Runtime.GridPart.Whole;
}
