using BenchmarkDotNet.Attributes;
using CostDsl.Estimation.Training;

namespace CostDsl.Benchmarks;

/// <summary>
/// Issue 13: the layout search of `costdsl plan-training` must estimate 1,000 layouts in under a second. Llama 3 70B
/// (Meta-Llama-3-70B config.json shape) on 4,096 H100 with a global batch of 4,096 sequences of 16,384 tokens:
/// the search tries 2,229 layouts (<see cref="Layouts"/>), context parallelism included.
/// Run: dotnet run -c Release --project src/CostDsl.Benchmarks -- --filter '*TrainingPlan*' --job short --inProcess
/// </summary>
[MemoryDiagnoser]
public class TrainingPlanBenchmarks
{
    public static readonly TransformerShape Llama70B = new(80, 8192, 64, 8, 128, 28672, 3, 128256, false);

    public static readonly TrainingDevice H100 = new("H100_SXM", 989e12, 80e9, 3350e9, 450e9, 50e9, 8, 989e12);

    public static int Layouts => LayoutSearch.Layouts(Llama70B, H100, 4096, 4096, 16384, 1, true).Count();

    [Benchmark]
    public int RankAllLayouts() => LayoutSearch.Rank(Llama70B, H100, 4096, 4096, 16384, EfficiencyAssumptions.Median).Tried;
}
