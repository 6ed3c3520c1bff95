namespace CostDsl.Estimation.Training;

/// <summary>What the training model predicts for one run under one set of efficiency assumptions.</summary>
public sealed record TrainingEstimate(TrainingRun Run, StepTime Time, MemoryPerGpu Memory, double ModelFlops, double HardwareFlops)
{
    public double StepSeconds => Time.Total;

    public double TokensPerSecondPerGpu => Run.GlobalBatch * Run.Sequence / (StepSeconds * Run.Gpus);

    /// <summary>Model FLOP/s per GPU: the figure MFU divides by peak.</summary>
    public double ModelFlopsPerGpu => ModelFlops / (StepSeconds * Run.Gpus);

    public double HardwareFlopsPerGpu => HardwareFlops / (StepSeconds * Run.Gpus);

    public double Mfu => ModelFlopsPerGpu / Run.Device.PeakFlops;

    public double Hfu => HardwareFlopsPerGpu / Run.Device.PeakFlops;

    public bool Fits => Memory.Total <= Run.Device.MemoryBytes;

    /// <summary>Estimates a run whose <see cref="TrainingRun.LayoutProblem"/> is null.</summary>
    public static TrainingEstimate Of(TrainingRun run, EfficiencyAssumptions efficiency)
    {
        var shape = run.Shape;
        return new TrainingEstimate(
            run,
            StepTime.Of(shape, run.Layout, run.Device, run.GlobalBatch, run.Sequence, efficiency),
            MemoryPerGpu.Of(shape, run.Layout, run.Sequence, run.MicroBatches),
            StepFlops.Model(shape, run.GlobalBatch, run.Sequence),
            StepFlops.Hardware(shape, run.GlobalBatch, run.Sequence, run.Layout.Recompute));
    }

    /// <summary>Why the run does not fit, with both sides, or null when it does.</summary>
    public string? MemoryProblem() => Fits
        ? null
        : $"needs {Gb(Memory.Total)} per GPU (weights {Gb(Memory.Weights)}, gradients {Gb(Memory.Gradients)}, optimizer {Gb(Memory.Optimizer)}, "
            + $"activations {Gb(Memory.Activations)}, logits {Gb(Memory.Logits)}), but {Run.Device.Name} has {Gb(Run.Device.MemoryBytes)}";

    private static string Gb(double bytes) => $"{bytes / 1e9:0.#} GB";
}
