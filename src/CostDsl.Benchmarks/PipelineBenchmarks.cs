using BenchmarkDotNet.Attributes;
using CostDsl.Diagnostics;
using CostDsl.Engine;
using CostDsl.Parsing;
using CostDsl.Text;

namespace CostDsl.Benchmarks;

/// <summary>Parse, and parse + check + evaluate, of a generated 2,000-line spec (issue 2).</summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private readonly CostEngine engine = new();
    private SourceFile file = null!;

    [GlobalSetup]
    public void Setup()
    {
        file = new SourceFile("generated.cost", SpecGenerator.Generate(2000));
        var result = engine.Evaluate(file);
        if (result.Diagnostics.Count > 0)
        {
            throw new InvalidOperationException(DiagnosticRenderer.RenderAll(result.Diagnostics));
        }
    }

    [Benchmark]
    public int Parse() => Parser.ParseFile(file, new DiagnosticBag()).Declarations.Length;

    [Benchmark]
    public int ParseCheckEvaluate() => engine.Evaluate(file).Evaluation!.Outputs.Count;
}
