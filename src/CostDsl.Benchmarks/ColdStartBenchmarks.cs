using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace CostDsl.Benchmarks;

/// <summary>A cold `costdsl eval` of a small example as a whole process: start-up, JIT, bundled library, output.</summary>
[SimpleJob(RunStrategy.ColdStart, launchCount: 1, warmupCount: 1, iterationCount: 10)]
public class ColdStartBenchmarks
{
    private string tool = null!;
    private string spec = null!;

    [GlobalSetup]
    public void Setup()
    {
        tool = Path.Combine(AppContext.BaseDirectory, "costdsl.dll");
        spec = Path.Combine(Path.GetTempPath(), "costdsl-cold-start.cost");
        File.WriteAllText(spec, "unit CNY = USD / 7.1\nlet gpus = 1000 / (3 s) * 1.3e13 FLOP / (624 TOPS * 45%)\noutput budget = ceil(gpus) * 10000 USD in CNY\n");
    }

    [Benchmark]
    public int CostdslEvalProcess()
    {
        using var process = Process.Start(new ProcessStartInfo("dotnet", [tool, "eval", spec])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? 0 : throw new InvalidOperationException(process.StandardError.ReadToEnd());
    }
}
