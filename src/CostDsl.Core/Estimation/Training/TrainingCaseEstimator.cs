using CostDsl.Runtime;
using CostDsl.Validation;

namespace CostDsl.Estimation.Training;

/// <summary>
/// Predicts training cases (step time, TFLOP/s per GPU, MFU, HFU, tokens/s per GPU) with the training model, the
/// efficiencies drawn from their calibrated intervals. What a case leaves unknown is filled as a planner would:
/// cp, vp and micro-batch 1, sequence parallelism exactly when tp > 1 and a distributed optimizer (ZeRO 1) exactly
/// when dp > 1 (the Megatron-LM and NeMo defaults since 2022, free of extra time), one unknown degree of tp/pp/dp from the GPU count,
/// the least recomputation that fits when recompute is null, and the precision bf16 (fp16 on devices without bf16).
/// A current software stack (<see cref="ParallelLayout.WithSoftware"/>: FlashAttention-style kernels, no dropout,
/// overlapped tensor-parallel and pipeline communication) is assumed on devices with an fp8 peak (Hopper and later:
/// every published run on them used Transformer Engine and fused attention), and not before, where the code of the
/// day kept the attention scores, used dropout and ran its collectives in the critical path.
/// </summary>
public sealed class TrainingCaseEstimator : ICaseEstimator
{
    public string Kind => MeasurementCase.TrainingKind;

    public IReadOnlyList<MetricEstimate> Estimate(MeasurementCase measurementCase, EstimationContext context)
    {
        var (run, problem) = RunOf(measurementCase, context.Devices);
        if (run is null)
        {
            return [.. measurementCase.Measured.Select(m => MetricEstimate.NotEstimated(m, problem!))];
        }

        var median = TrainingEstimate.Of(run, EfficiencyAssumptions.Median);
        if (median.MemoryProblem() is { } memory)
        {
            return [.. measurementCase.Measured.Select(m => MetricEstimate.NotEstimated(m, "does not fit: " + memory))];
        }

        var draws = Draw(measurementCase.Id, context);
        var flopsDefinition = measurementCase.Training?.FlopsDefinition;
        return [.. measurementCase.Measured.Select(m =>
        {
            Func<TrainingEstimate, double>? metric = m.Metric switch
            {
                "step_time_s" => e => e.StepSeconds,
                "tflops_per_gpu" => e => (flopsDefinition == "hardware" ? e.HardwareFlopsPerGpu : e.ModelFlopsPerGpu) / 1e12,
                "mfu" => e => e.Mfu,
                "hfu" => e => e.Hfu,
                "tokens_per_s_per_gpu" => e => e.TokensPerSecondPerGpu,
                _ => null,
            };
            if (metric is null)
            {
                return MetricEstimate.NotEstimated(m, $"the training model does not predict {m.Metric}");
            }

            var samples = draws.Select(d => metric(TrainingEstimate.Of(run, d))).ToArray();
            return MetricEstimate.Of(m, Prediction.FromSamples(samples));
        })];
    }

    /// <summary>The efficiencies of each Monte Carlo sample, seeded by the case and the assumption's name.</summary>
    private static EfficiencyAssumptions[] Draw(string caseId, EstimationContext context)
    {
        double[] One(string stream, (double Low, double High) interval)
        {
            var values = new double[context.Samples];
            EfficiencyAssumptions.Draws(interval)(context.Random(caseId, stream), values);
            return values;
        }

        var matmul = One("matmul_share", EfficiencyAssumptions.MatmulInterval);
        var memory = One("memory_share", EfficiencyAssumptions.MemoryInterval);
        var collective = One("collective_share", EfficiencyAssumptions.CollectiveInterval);
        var fp8 = One("fp8_matmul_share", EfficiencyAssumptions.Fp8MatmulInterval);
        var exposed = One("exposed_comm_share", EfficiencyAssumptions.ExposedCommInterval);
        return [.. Enumerable.Range(0, context.Samples).Select(i => new EfficiencyAssumptions(matmul[i], memory[i], collective[i]) { Fp8MatmulShare = fp8[i], ExposedCommShare = exposed[i] })];
    }

    /// <summary>The run a case describes, or why it cannot be estimated.</summary>
    public static (TrainingRun? Run, string? Problem) RunOf(MeasurementCase c, DeviceCatalog devices)
    {
        var (model, modelProblem) = ModelShape.FromCase(c.Model);
        if (model is null)
        {
            return (null, modelProblem);
        }

        var (shape, shapeProblem) = TransformerShape.From(model);
        if (shape is null)
        {
            return (null, shapeProblem);
        }

        if (devices.Find(c.Hardware) is not { } spec)
        {
            return (null, $"{c.Hardware} is not in the hardware catalog");
        }

        var setup = c.Training;
        if (setup?.Sequence is not { } sequence || setup.GlobalBatch is not { } batch)
        {
            return (null, "the case gives no sequence length or global batch");
        }

        var precision = Precision.Find(setup.Precision ?? (spec.Peak("bf16") is null ? "fp16" : "bf16"))!;
        var (device, deviceProblem) = TrainingDevice.From(spec, precision);
        if (device is null)
        {
            return (null, deviceProblem);
        }

        var p = c.Parallel;
        var cp = p.Cp ?? 1;
        var (tp, pp, dp) = (p.Tp, p.Pp, p.Dp);
        var unknown = new[] { tp, pp, dp }.Count(d => d is null);
        if (unknown > 1)
        {
            return (null, "more than one of tp, pp and dp is unknown");
        }

        var known = (tp ?? 1) * (pp ?? 1) * (dp ?? 1) * cp;
        if (unknown == 1)
        {
            if (c.Gpus % known != 0)
            {
                return (null, $"the known degrees ({known} GPUs) do not divide the {c.Gpus} GPUs");
            }

            tp ??= c.Gpus / known;
            pp ??= c.Gpus / known;
            dp ??= c.Gpus / known;
        }

        var flash = spec.Peak("fp8") is not null;
        var layout = new ParallelLayout(tp!.Value, pp!.Value, dp!.Value, setup.MicroBatch ?? 1, Recompute.None, cp, p.Ep ?? 1, p.Vp ?? 1, p.Sp ?? tp > 1, p.Zero ?? (dp > 1 ? 1 : 0)).WithSoftware(flash);
        var candidates = setup.Recompute switch
        {
            "none" => [Recompute.None],
            "selective" => [Recompute.Selective],
            "full" => [Recompute.Full],
            _ => new[] { Recompute.None, Recompute.Selective, Recompute.Full },
        };
        TrainingRun? run = null;
        foreach (var recompute in candidates)
        {
            run = new TrainingRun(shape, layout with { Recompute = recompute }, device, c.Gpus, batch, sequence);
            if (run.LayoutProblem() is { } layoutProblem)
            {
                return (null, layoutProblem);
            }

            if (TrainingEstimate.Of(run, EfficiencyAssumptions.Median).Fits)
            {
                break;
            }
        }

        return (run, null);
    }
}
