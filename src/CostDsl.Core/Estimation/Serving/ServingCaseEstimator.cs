using System.Globalization;
using CostDsl.Validation;

namespace CostDsl.Estimation.Serving;

/// <summary>
/// Predicts serving cases with the step model: throughput of a static batch (prefill, then the decode steps),
/// time to first token (one prefill) and time per output token (the mean decode step). The efficiencies are
/// the default assumptions, drawn per case from the run's seed and the case id.
/// </summary>
public sealed class ServingCaseEstimator(ServingAssumptions? assumptions = null) : ICaseEstimator
{
    private readonly ServingAssumptions assumptions = assumptions ?? ServingAssumptions.Default;

    public string Kind => MeasurementCase.ServingKind;

    public IReadOnlyList<MetricEstimate> Estimate(MeasurementCase measurementCase, EstimationContext context)
    {
        var (deployment, replicas, problem) = Deploy(measurementCase, context.Devices);
        if (deployment is null)
        {
            return [.. measurementCase.Measured.Select(m => MetricEstimate.NotEstimated(m, problem!))];
        }

        var efficiencies = assumptions.Sample(context.Samples, stream => context.Random(measurementCase.Id, stream));
        return [.. measurementCase.Measured.Select(m => EstimateMetric(measurementCase, m, deployment, replicas, efficiencies))];
    }

    /// <summary>The replica a case describes and how many replicas there are, or why it cannot be modelled.</summary>
    public static (ServingDeployment? Deployment, double Replicas, string? Problem) Deploy(MeasurementCase c, DeviceCatalog devices)
    {
        if (devices.Find(c.Hardware) is not { } device)
        {
            return (null, 0, $"unknown hardware '{c.Hardware}' (the catalog has {string.Join(", ", devices.Names)})");
        }

        var (shape, shapeProblem) = ModelShape.FromCase(c.Model);
        if (shape is null)
        {
            return (null, 0, "model shape incomplete: " + shapeProblem);
        }

        var setup = c.Serving!;
        if (c.Parallel.Pp is > 1)
        {
            return (null, 0, "pipeline-parallel serving is not modelled");
        }

        var replicas = c.Parallel.Dp ?? 1;
        var tp = c.Parallel.Tp ?? (c.Gpus / replicas);
        if (tp < 1 || tp * replicas * (c.Parallel.Cp ?? 1) != c.Gpus)
        {
            return (null, 0, $"the parallel degrees do not describe {c.Gpus} GPUs");
        }

        if (setup.Weights is not { } weightName || Precision.Find(weightName) is not { } weights)
        {
            return (null, 0, "the weight precision is unknown");
        }

        // An unstated KV format is the engine's default: the 16-bit activation type (TensorRT-LLM and vLLM quantise the cache only when asked).
        var kv = setup.Kv is { } kvName ? Precision.Find(kvName)! : Precision.Find("fp16")!;
        var compute = weights.Compute;
        if (device.Peak(compute.PeakField) is not { } peak)
        {
            return (null, 0, $"{device.Name} has no {compute.PeakField} peak in the catalog");
        }

        // Attention multiplies activations (Q, K, V dequantised), so it runs at the 16-bit rate.
        if ((device.Peak("bf16") ?? device.Peak("fp16")) is not { } attentionPeak)
        {
            return (null, 0, $"{device.Name} has no 16-bit peak in the catalog");
        }

        if (device.Bandwidth is not { } bandwidth || device.Memory is not { } memory)
        {
            return (null, 0, $"{device.Name} lacks memory or bandwidth in the catalog");
        }

        // A single device needs no link; a missing link figure on a multi-device replica cannot be guessed.
        var link = device.Interconnect is { } both ? both / 2 : (tp == 1 ? double.PositiveInfinity : double.NaN);
        if (double.IsNaN(link))
        {
            return (null, 0, $"{device.Name} has no interconnect figure in the catalog");
        }

        var ep = c.Parallel.Ep ?? 1;
        var kernel = DecodeAttentionKernels.For(setup.Framework, shape);
        return (new ServingDeployment(shape, tp, ep, weights.Bytes, kv.Bytes, ServingDeployment.DefaultActivationBytes, peak, attentionPeak, bandwidth, link, memory, kernel), replicas, null);
    }

    private static MetricEstimate EstimateMetric(MeasurementCase c, Measurement m, ServingDeployment d, double replicas, ServingEfficiency[] efficiencies)
    {
        var setup = c.Serving!;
        if (m.Metric.StartsWith("p99_", StringComparison.Ordinal))
        {
            return MetricEstimate.NotEstimated(m, "the model predicts means, not tail latencies");
        }

        if (setup.InputTokens is not { } input || setup.OutputTokens is not { } output)
        {
            return MetricEstimate.NotEstimated(m, "request lengths follow a dataset the case does not capture");
        }

        var batch = m.Metric == "ttft_ms" && setup.Mode == "latency" ? 1 : BatchOf(setup, replicas);
        if (batch is not { } sequences)
        {
            return MetricEstimate.NotEstimated(m, "the case gives neither a batch nor a concurrency");
        }

        var need = d.WeightsPerDevice + d.KvPerDevice(sequences, input + output);
        var have = d.Memory * (1 - ServingCapacity.Reserve);
        if (need > have && setup.Kv is null && d.WeightBytes == 1 && d.KvBytes > 1)
        {
            // The KV format is unstated and the engine's 16-bit default cannot hold the published batch, yet the run happened:
            // the engine must have cached in the 8-bit format of its weights (the only other cache format TensorRT-LLM and
            // vLLM offer on these parts). A planner reading the same source would conclude the same; nothing else changes.
            d = d with { KvBytes = d.WeightBytes };
            need = d.WeightsPerDevice + d.KvPerDevice(sequences, input + output);
        }

        if (need > have)
        {
            return MetricEstimate.NotEstimated(m, string.Create(CultureInfo.InvariantCulture, $"does not fit: needs {need / 1e9:0.#} GB a GPU, {have / 1e9:0.#} GB usable"));
        }

        var prefill = ServingModel.Prefill(d, sequences, input);
        var decode = ServingModel.DecodeSteps(d, sequences, input, output);
        var decodeSteps = decode.Sum(s => s.Count);
        var values = new double[efficiencies.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var e = efficiencies[i];
            var first = prefill.Time(d, e);
            var rest = 0.0;
            foreach (var (step, count) in decode)
            {
                rest += step.Time(d, e) * count;
            }

            values[i] = m.Metric switch
            {
                "ttft_ms" => first * 1e3,
                "tpot_ms" or "itl_ms" => decodeSteps == 0 ? double.NaN : rest / decodeSteps * 1e3,
                "output_tokens_per_s" => sequences * output / (first + rest) * replicas,
                "output_tokens_per_s_per_gpu" => sequences * output / (first + rest) / d.Tp,
                _ => double.NaN,
            };
        }

        return double.IsNaN(values[0])
            ? MetricEstimate.NotEstimated(m, $"{m.Metric} is not defined for this case")
            : MetricEstimate.Of(m, Prediction.FromSamples(values));
    }

    /// <summary>Sequences in flight on one replica: the static batch, else the client concurrency shared by the replicas.</summary>
    private static double? BatchOf(ServingSetup setup, double replicas) =>
        setup.Batch is { } b ? b : setup.Concurrency is { } c ? Math.Max(1, c / replicas) : null;
}
