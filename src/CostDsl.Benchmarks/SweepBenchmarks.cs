using BenchmarkDotNet.Attributes;
using CostDsl.Diagnostics;
using CostDsl.Runtime;
using CostDsl.Semantics;

namespace CostDsl.Benchmarks;

/// <summary>Issue 4: the same chain over a sweep of 1,000,000 user counts, against a hand-written loop.</summary>
[MemoryDiagnoser]
public class SweepBenchmarks
{
    public const int Points = 1_000_000;
    private CheckedProgram program = null!;
    private double[] users = null!;

    [GlobalSetup]
    public void Setup()
    {
        program = UncertaintyWorkload.Check(UncertaintyWorkload.SweepSpec(Points));
        users = [.. Enumerable.Range(1, Points).Select(u => (double)u)];
    }

    [Benchmark(Baseline = true)]
    public double HandWrittenLoop()
    {
        var gpus = new double[Points];
        for (var i = 0; i < Points; i++)
        {
            gpus[i] = 2 * UncertaintyWorkload.Params * (UncertaintyWorkload.InputTokens + 1000) * (users[i] / 3.5)
                / (UncertaintyWorkload.Int8 * 0.40) / (1 - UncertaintyWorkload.Overhead);
        }

        return gpus[^1];
    }

    [Benchmark]
    public double CostDsl()
    {
        var evaluation = new EvaluationSession(program, new DiagnosticBag()).Run();
        return ((Quantity)evaluation.Outputs[0].Value).Magnitude.At(Points - 1);
    }
}
