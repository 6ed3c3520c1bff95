using CostDsl.Engine;

namespace CostDsl.Hosting;

/// <summary>Settings of the evaluator service, bound from the configuration section <c>CostDsl</c>.</summary>
public sealed class CostDslOptions
{
    public const string SectionName = "CostDsl";

    /// <summary>Folders besides the input folder that imports may reach (a team's shared rules).</summary>
    public List<string> RulesRoots { get; set; } = [];

    /// <summary>Monte Carlo samples for uncertain values, unless a call passes its own options.</summary>
    public int Samples { get; set; } = EvaluationOptions.DefaultSamples;

    public int Seed { get; set; } = EvaluationOptions.DefaultSeed;

    /// <summary>How many files a batch evaluates at once.</summary>
    public int Parallelism { get; set; } = Environment.ProcessorCount;

    public CostDslLimits Limits { get; set; } = new();
}
