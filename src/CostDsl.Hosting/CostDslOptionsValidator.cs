using Microsoft.Extensions.Options;

namespace CostDsl.Hosting;

/// <summary>Refuses settings that cannot work, at start-up rather than at the first file.</summary>
internal sealed class CostDslOptionsValidator : IValidateOptions<CostDslOptions>
{
    public ValidateOptionsResult Validate(string? name, CostDslOptions options)
    {
        var problems = new List<string>();
        if (options.Samples < 1)
        {
            problems.Add($"CostDsl:Samples must be at least 1 (it is {options.Samples})");
        }

        if (options.Parallelism is < 1 or > 256)
        {
            problems.Add($"CostDsl:Parallelism must be between 1 and 256 (it is {options.Parallelism})");
        }

        if (options.Limits.MaxSourceBytes < 1)
        {
            problems.Add("CostDsl:Limits:MaxSourceBytes must be positive");
        }

        if (options.Limits.MaxSamples < 1)
        {
            problems.Add("CostDsl:Limits:MaxSamples must be positive");
        }

        if (options.Limits.Static.Problem() is { } limit)
        {
            problems.Add(limit);
        }

        if (options.Limits.MaxEvaluationTime <= TimeSpan.Zero || options.Limits.MaxEvaluationTime > CostDslLimits.LongestEvaluationTime)
        {
            problems.Add($"CostDsl:Limits:MaxEvaluationTime must be positive and at most {CostDslLimits.LongestEvaluationTime} (it is {options.Limits.MaxEvaluationTime})");
        }

        problems.AddRange(options.RulesRoots.Where(r => !Directory.Exists(r)).Select(r => $"CostDsl:RulesRoots: folder not found: {r}"));
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
