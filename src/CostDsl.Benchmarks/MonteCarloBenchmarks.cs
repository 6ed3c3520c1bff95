using BenchmarkDotNet.Attributes;
using CostDsl.Diagnostics;
using CostDsl.Runtime;
using CostDsl.Semantics;

namespace CostDsl.Benchmarks;

/// <summary>
/// Issue 4: the serving chain at 1,000,000 samples, CostDsl against a hand-written loop that draws
/// the same three distributions with the same sampler and computes the chain in one fused pass.
/// </summary>
[MemoryDiagnoser]
public class MonteCarloBenchmarks
{
    public const int Samples = 1_000_000;
    private CheckedProgram program = null!;

    [GlobalSetup]
    public void Setup() => program = UncertaintyWorkload.Check(UncertaintyWorkload.MonteCarloSpec);

    [Benchmark(Baseline = true)]
    public double HandWrittenLoop()
    {
        var interval = Draw(Distributions.FromInterval(2, 5), 1);
        var output = Draw(Distributions.FromInterval(300, 2000), 2);
        var util = Draw(Distributions.FromInterval(0.25, 0.55), 3);
        var gpus = new double[Samples];
        for (var i = 0; i < Samples; i++)
        {
            gpus[i] = 2 * UncertaintyWorkload.Params * (UncertaintyWorkload.InputTokens + output[i]) * (1000 / interval[i])
                / (UncertaintyWorkload.Int8 * util[i]) / (1 - UncertaintyWorkload.Overhead);
        }

        return gpus[0];
    }

    [Benchmark]
    public double CostDsl()
    {
        var evaluation = new EvaluationSession(program, new DiagnosticBag(), new Sampling(Samples, 1)).Run();
        return ((Quantity)evaluation.Outputs[0].Value).Magnitude.At(0);
    }

    private static double[] Draw(Action<RandomSource, Span<double>> fill, ulong seed)
    {
        var draws = new double[Samples];
        fill(new RandomSource(seed), draws);
        return draws;
    }
}
