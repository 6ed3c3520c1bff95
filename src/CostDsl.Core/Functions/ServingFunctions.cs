using System.Globalization;
using CostDsl.Estimation.Serving;
using CostDsl.Runtime;
using CostDsl.Semantics;

namespace CostDsl.Functions;

/// <summary>
/// Serving estimates from the step model (grammar/models.md): time to first token, time per output token,
/// tokens per second of a replica, the largest batch that fits or that meets a TPOT target. Each takes the
/// model, one device's block, the request shape, the tensor-parallel devices, the precisions and, optionally,
/// the efficiency assumptions; left out, these are the calibrated uncertain defaults, one draw per spec shared by every
/// call (keyed by the assumption's name), so results carry an interval and two calls agree on the draw.
/// </summary>
internal static class ServingFunctions
{
    private const string Source = "grammar/models.md (the serving step model); Pope et al. 2022, \"Efficiently Scaling Transformer Inference\", arXiv:2211.05102, sections 2-3; "
        + "efficiencies calibrated on examples/validation/dev/serving.json (TensorRT-LLM 0.9.0 performance tables)";

    private static readonly FunctionParameter Input = new("input", "prompt tokens per request", Dimensions.Tokens);
    private static readonly FunctionParameter Output = new("output", "tokens generated per request", Dimensions.Tokens);
    private static readonly FunctionParameter Batch = new("batch", "sequences served together; default 1", Dimensions.Number, Default: Quantity.Dimensionless(1));
    private static readonly FunctionParameter Target = new("target", "the TPOT to meet (e.g. 50 ms)", Dimensions.Time);
    private static readonly FunctionParameter Devices = new("devices", "devices of one replica, in tensor parallel; default 1", Dimensions.Number, Default: Quantity.Dimensionless(1));

    public static IEnumerable<BuiltinFunction> All =>
    [
        Function(
            "ttft",
            "Time to first token: one prefill step of `batch` prompts of `input` tokens on a replica of `devices` devices in tensor parallel. "
                + "A step = max(matmul FLOPs / (peak * compute_share), weight bytes / (bandwidth * memory_share)) + max(attention FLOPs / (16-bit peak * compute_share), KV bytes / (bandwidth * memory_share)) "
                + "+ activation bytes / (bandwidth * memory_share) + all-reduce bytes / (interconnect / 2 * link_share) + collectives * collective_latency + layers * layer_overhead, "
                + "all per device (grammar/models.md). Causal attention: token i attends to i tokens (or the window).",
            "s (time)",
            [Input, Batch],
            (call, args) => call.Map(
                (i, d, e) =>
                {
                    var (input, batch) = (args.Magnitude(2).At(i), args.Magnitude(3).At(i));
                    call.RequireFit(d, batch, input);
                    return ServingModel.Prefill(d, batch, input).Time(d, e);
                },
                args.Magnitude(2),
                args.Magnitude(3)),
            Dimensions.Time),
        Function(
            "tpot",
            "Time per output token: the mean decode step (as in ttft, with one token per sequence) while `batch` sequences grow from `input` to `input + output` tokens: "
                + "each step reads the weights once for the batch (for a mixture of experts, the E * (1 - (1 - k/E)^batch) experts a layer the batch touches) and every sequence's KV cache.",
            "s (time)",
            [Input, Output, Batch],
            (call, args) => call.Map((i, d, e) => Tpot(call, d, e, args.Magnitude(4).At(i), args.Magnitude(2).At(i), args.Magnitude(3).At(i)), args.Magnitude(2), args.Magnitude(3), args.Magnitude(4)),
            Dimensions.Time),
        Function(
            "serving_tokens_per_s",
            "Output tokens per second of one replica serving `batch` requests of `input` + `output` tokens together: "
                + "batch * output / (prefill + the decode steps). Divide a load by it for the replicas; rent * devices / it is the cost of a token.",
            "token/s",
            [Input, Output, Batch],
            (call, args) => call.Map((i, d, e) => TokensPerSecond(call, d, e, args.Magnitude(4).At(i), args.Magnitude(2).At(i), args.Magnitude(3).At(i)), args.Magnitude(2), args.Magnitude(3), args.Magnitude(4)),
            Dimensions.TokenRate),
        Function(
            "max_batch_for_tpot",
            "The largest batch whose time per output token (tpot) <= `target` and whose KV cache fits (0 when even batch 1 is too slow). "
                + "Per sample, so with the default uncertain efficiencies it is uncertain too.",
            "a number",
            [Input, Output, Target],
            (call, args) => call.Map((i, d, e) => MaxBatchForTpot(d, e, args.Magnitude(2).At(i), args.Magnitude(3).At(i), args.Magnitude(4).At(i)), args.Magnitude(2), args.Magnitude(3), args.Magnitude(4)),
            Dimensions.Number),
        Function(
            "replicas_for_load",
            "Replicas (of `devices` devices each) for a load of `requests` per second of `input` + `output` tokens with every stream within the TPOT `target`: "
                + "ceil(requests * output / serving_tokens_per_s at the largest batch that meets the target, max_batch_for_tpot). Each replica is taken to run full "
                + "static batches, as serving_tokens_per_s does, so it is the fewest replicas that can carry the load. Per sample, so with the default "
                + "uncertain efficiencies it is uncertain too; an error when in some sample not even one stream meets the target.",
            "a number",
            [Input, Output, Target, new("requests", "the load: requests per second (e.g. 20 / s)", Dimensions.Number / Dimensions.Time)],
            (call, args) => call.Map(
                (i, d, e) => ReplicasForLoad(call, d, e, args.Magnitude(2).At(i), args.Magnitude(3).At(i), args.Magnitude(4).At(i), args.Magnitude(5).At(i)),
                args.Magnitude(2),
                args.Magnitude(3),
                args.Magnitude(4),
                args.Magnitude(5)),
            Dimensions.Number),
        new BuiltinFunction
        {
            Name = "max_batch",
            Summary = "The largest batch of sequences of `context` tokens whose KV cache fits beside the weights on `devices` devices, keeping a "
                + $"{ServingCapacity.Reserve:0%} reserve of memory for the runtime: floor((devices * memory * {1 - ServingCapacity.Reserve:0.##} - params * weights) / kv_cache(model, context, 1, kv)), "
                + "the cache split over min(devices, kv_heads) devices. A model whose weights alone do not fit is an error naming need and have.",
            Source = "definition; KV cache per token as kv_cache; the reserve as vLLM's gpu_memory_utilization default 0.9 less the catalog's rounding of GiB to GB",
            Parameters =
            [
                ModelFields.Model,
                ModelFields.Hardware,
                new("context", "tokens cached per sequence at its longest (prompt + output)", Dimensions.Tokens),
                Devices,
                .. ServingCall.PrecisionAndEfficiencyParameters.Take(2),
            ],
            Result = ResultDimension.Fixed(Dimensions.Number, "a number"),
            Reads =
            [
                .. ModelFields.ShapeReads,
                .. ModelFields.StoredParamReads,
                .. ModelFields.BytesPerParamReads("weights"),
                ModelFields.HardwareRead("memory", Dimensions.Information),
            ],
            Compute = (args, context) =>
            {
                // Capacity needs no efficiencies: exact when the inputs are.
                var call = ServingCall.Read([args[0], args[1], args[2], args[3], args[4], args[5], Absent.Instance, .. ServingCall.EfficiencyParameters.Select(_ => (Value)Quantity.Dimensionless(1))], context, 3);
                return call.Map((i, d, _) => ServingCapacity.MaxBatch(d, args.Magnitude(2).At(i)), args.Magnitude(2));
            },
        },
    ];

    public static double Tpot(ServingCall call, ServingDeployment d, ServingEfficiency e, double batch, double input, double output)
    {
        call.RequireFit(d, batch, input + output);
        var steps = ServingModel.DecodeSteps(d, batch, input, Math.Max(output, 2));
        return steps.Sum(s => s.Step.Time(d, e) * s.Count) / steps.Sum(s => s.Count);
    }

    public static double TokensPerSecond(ServingCall call, ServingDeployment d, ServingEfficiency e, double batch, double input, double output)
    {
        call.RequireFit(d, batch, input + output);
        var time = ServingModel.Prefill(d, batch, input).Time(d, e) + ServingModel.DecodeSteps(d, batch, input, output).Sum(s => s.Step.Time(d, e) * s.Count);
        return batch * output / time;
    }

    /// <summary>The fewest replicas whose full batches within the TPOT target carry the load; none can when batch 1 misses the target.</summary>
    private static double ReplicasForLoad(ServingCall call, ServingDeployment d, ServingEfficiency e, double input, double output, double target, double requests)
    {
        var batch = MaxBatchForTpot(d, e, input, output, target);
        if (batch < 1)
        {
            throw call.Fail(string.Create(CultureInfo.InvariantCulture, $"not even one stream meets the TPOT target of {target * 1e3:0.##} ms in some draws of the efficiencies, so no number of replicas can carry the load; relax the target or use faster devices"));
        }

        return Math.Ceiling(requests * output / TokensPerSecond(call, d, e, batch, input, output));
    }

    /// <summary>Bisection over whole batches: TPOT grows with the batch, so the largest one within the target is found in about 20 steps.</summary>
    private static double MaxBatchForTpot(ServingDeployment d, ServingEfficiency e, double input, double output, double target)
    {
        var fits = ServingCapacity.MaxBatch(d, input + output);
        double Tpot(double b)
        {
            var steps = ServingModel.DecodeSteps(d, b, input, Math.Max(output, 2));
            return steps.Sum(s => s.Step.Time(d, e) * s.Count) / steps.Sum(s => s.Count);
        }

        if (fits < 1 || Tpot(1) > target)
        {
            return 0;
        }

        double low = 1, high = fits;
        while (high - low > 0.5)
        {
            var middle = Math.Ceiling((low + high) / 2);
            if (Tpot(middle) <= target)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return low;
    }

    private static BuiltinFunction Function(
        string name,
        string summary,
        string returns,
        FunctionParameter[] shape,
        Func<ServingCall, IReadOnlyList<Value>, Magnitude> compute,
        Units.Dimension dimension)
    {
        var devicesAt = 2 + shape.Length;
        return new BuiltinFunction
        {
            Name = name,
            Summary = summary,
            Source = Source,
            IsDistribution = true,
            Parameters = [ModelFields.Model, ModelFields.Hardware, .. shape, Devices, .. ServingCall.PrecisionAndEfficiencyParameters],
            Result = ResultDimension.Fixed(dimension, returns),
            Reads = ServingCall.Reads,
            Compute = (args, context) => compute(ServingCall.Read(args, context, devicesAt), args),
        };
    }
}
