using BenchmarkDotNet.Running;

// dotnet run -c Release --project src/CostDsl.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(CostDsl.Benchmarks.PipelineBenchmarks).Assembly).Run(args);
