using CostDsl.Diagnostics;
using CostDsl.Estimation.Serving;
using CostDsl.Runtime;
using CostDsl.Semantics;

namespace CostDsl.Functions;

/// <summary>
/// How long inference work takes on given devices: prefill_seconds, decode_tokens_per_s.
/// The compute rate is always an argument (A100.bf16, H100_SXM.fp8), so the precision is the
/// caller's stated choice, never a guess of the function.
/// </summary>
internal static class TimeFunctions
{
    public static IEnumerable<BuiltinFunction> All =>
    [
        new BuiltinFunction
        {
            Name = "prefill_seconds",
            Summary = "Time to read a prompt: the longer of its compute, batch * inference_flops / (peak * util) with causal attention (token i attends to i tokens, "
                + "so the mean span is (tokens + 1) / 2), and its memory traffic, the weights (params * bytes) read once plus the batch's KV cache written, / bandwidth. "
                + "`peak` names the precision (e.g. H100_SXM.fp16; several devices in tensor parallel: 4 * H100_SXM.fp16); `bandwidth` is the devices' total (8 * H100_SXM.bandwidth). "
                + "Without `bandwidth` only the compute is counted, a lower bound that short prompts fall below. For the full step model see ttft.",
            Source = ComputeFunctions.Kaplan + ", Table 1 (forward-pass FLOPs); Pope et al. 2022, \"Efficiently Scaling Transformer Inference\", arXiv:2211.05102, section 2 (prefill runs all prompt tokens in parallel and is compute bound)",
            Parameters =
            [
                ModelFields.Model,
                new("tokens", "prompt tokens per sequence", Dimensions.Tokens),
                new("peak", "peak rate of the devices serving it, in the chosen precision", Dimensions.OperationRate),
                new("util", "share of peak sustained (e.g. 50%)", Dimensions.Number),
                new("batch", "prompts read together; default 1", Dimensions.Number, Default: Quantity.Dimensionless(1)),
                OptionalArgument.Parameter("bandwidth", "memory bandwidth of the devices together (e.g. 8 * H100_SXM.bandwidth); left out: the memory bound is not counted", Dimensions.InformationRate),
                OptionalArgument.Parameter("bytes", "bytes per weight and per cached value; left out: the model's bytes_per_param (needed only with bandwidth)", Dimensions.Information),
            ],
            Result = ResultDimension.Fixed(Dimensions.Time, "s (time)"),
            Reads =
            [
                .. ModelFields.ComputeParamReads,
                .. ModelFields.StoredParamReads.WhenGiven("bandwidth"),
                .. ModelFields.BytesPerParamReads("bytes").WhenGiven("bandwidth"),
            ],
            Compute = (args, context) =>
            {
                var model = args.Block(0);
                Operand tokens = args.Magnitude(1);
                var batch = args.Magnitude(4);
                var work = batch * ComputeFunctions.InferenceFlops(model, tokens.Magnitude, ((tokens + 1) / 2).Magnitude, context);
                var rate = (Operand)ModelFields.Positive(args.Magnitude(2), "peak", context) * ModelFields.Positive(args.Magnitude(3), "util", context);
                var time = work / rate;
                if (OptionalArgument.IsGiven(args[5]))
                {
                    var bytes = ModelFields.BytesPerParam(args[6], model, context);
                    var traffic = ModelFields.StoredParams(model, context) * bytes;
                    if (context.OptionalField(model, "heads") is not null)
                    {
                        traffic += MemoryFunctions.KvCache(model, tokens, batch, bytes, context);
                    }

                    var memory = traffic / ModelFields.Positive(args.Magnitude(5), "bandwidth", context);
                    time = Magnitude.Zip(time.Magnitude, memory.Magnitude, Math.Max);
                }

                return time.Magnitude;
            },
        },
        new BuiltinFunction
        {
            Name = "decode_tokens_per_s",
            Summary = "Generation speed of a batch, the slower of two bounds per decode step. Memory: each step reads every weight once, shared by the whole batch, "
                + "plus each sequence's KV cache when `context` is given: params * bytes_per_param + kv_cache(model, context, batch, bytes_per_param), at devices * bandwidth * util. "
                + "Compute: each step computes one token per sequence, batch * inference_flops(model, 1 token, context), at devices * peak * compute_util. "
                + "Tokens per second over the batch = batch / step time; per sequence divide by batch. `devices` splits the weights in ideal tensor parallel (communication left out; see tpot for the full step model). "
                + "`peak` left out: bf16 (or fp16) for 2-byte weights, fp8 (or int8) for 1-byte ones, the 16-bit rate for smaller (weight-only) ones. "
                + "Uses params, all weights: a mixture-of-experts model at small batch reads only the experts it touches, so for it this is a lower bound. "
                + "A model whose weights (and cache) do not fit the devices' memory is an error naming need and have.",
            Source = "Pope et al. 2022, \"Efficiently Scaling Transformer Inference\", arXiv:2211.05102, section 2 (decode loads the weights and KV cache every step; at large batch it becomes compute bound); "
                + "Williams et al. 2009, \"Roofline\", CACM 52(4) (the slower of compute and memory traffic)",
            Parameters =
            [
                ModelFields.Model,
                ModelFields.Hardware,
                new("batch", "sequences decoded together; default 1", Dimensions.Number, Default: Quantity.Dimensionless(1)),
                OptionalArgument.Parameter("bytes_per_param", "bytes per weight and per cached value; left out: the model's bytes_per_param", Dimensions.Information),
                OptionalArgument.Parameter("context", "tokens already in each sequence's KV cache; left out: the cache is not counted", Dimensions.Tokens),
                new("devices", "devices the weights are split over; default 1", Dimensions.Number, Default: Quantity.Dimensionless(1)),
                new("util", "share of peak bandwidth achieved; default 1, the bound itself", Dimensions.Number, Default: Quantity.Dimensionless(1)),
                OptionalArgument.Parameter("peak", "one device's peak rate in the compute precision (e.g. H100_SXM.fp8); left out: chosen by bytes_per_param", Dimensions.OperationRate),
                new("compute_util", "share of the peak compute rate achieved; default 1, the bound itself", Dimensions.Number, Default: Quantity.Dimensionless(1)),
            ],
            Result = ResultDimension.Fixed(Dimensions.TokenRate, "token/s"),
            Reads =
            [
                .. ModelFields.StoredParamReads,
                .. ModelFields.BytesPerParamReads("bytes_per_param"),
                ModelFields.HardwareRead("bandwidth", Dimensions.InformationRate),
                .. ModelFields.ShapeReads.WhenGiven("context"),
            ],
            Compute = (args, context) =>
            {
                var model = args.Block(0);
                var hardware = args.Block(1);
                var batch = ModelFields.Positive(args.Magnitude(2), "batch", context);
                var bytesPerParam = ModelFields.BytesPerParam(args[3], model, context);
                var devices = ModelFields.Positive(args.Magnitude(5), "devices", context);
                var stepBytes = ModelFields.StoredParams(model, context) * bytesPerParam;
                var span = Magnitude.Exact(0);
                if (OptionalArgument.IsGiven(args[4]))
                {
                    span = args.Magnitude(4);
                    stepBytes += MemoryFunctions.KvCache(model, span, batch, bytesPerParam, context);
                }

                if (context.OptionalField(hardware, "memory") is { } memory)
                {
                    var have = (Operand)memory * devices * (1 - ServingCapacity.Reserve);
                    if (Magnitude.Zip(stepBytes.Magnitude, have.Magnitude, (need, room) => need > room ? 1 : 0).Any(v => v > 0))
                    {
                        throw context.Fail(Codes.DomainError, Fit.DoesNotFit(
                            OptionalArgument.IsGiven(args[4]) ? $"{model.Name} with its cache" : $"{model.Name}'s weights", stepBytes.Magnitude.Mean, ((Operand)memory * devices).Magnitude.Mean, devices.Mean, hardware.Name));
                    }
                }

                var bandwidth = (Operand)ModelFields.Positive(context.RequiredField(hardware, "bandwidth"), $"{hardware.Describe()}.bandwidth", context)
                    * devices
                    * ModelFields.Positive(args.Magnitude(6), "util", context);
                var memoryTime = ModelFields.Positive(stepBytes.Magnitude, "the bytes read per step", context) / bandwidth;
                var peak = OptionalArgument.IsGiven(args[7]) ? args.Magnitude(7) : DefaultPeak(hardware, bytesPerParam.Magnitude, context);
                var rate = (Operand)ModelFields.Positive(peak, "peak", context) * devices * ModelFields.Positive(args.Magnitude(8), "compute_util", context);
                var computeTime = batch * ComputeFunctions.InferenceFlops(model, Magnitude.Exact(1), span, context) / rate;
                var step = Magnitude.Zip(memoryTime.Magnitude, computeTime.Magnitude, Math.Max);
                return (batch / (Operand)step).Magnitude;
            },
        },
    ];

    /// <summary>The peak a precision of this width computes at: 2-byte weights in 16 bits, 1-byte in fp8 (int8), smaller ones weight-only in 16 bits.</summary>
    private static Magnitude DefaultPeak(BlockSymbol hardware, Magnitude bytes, ICallContext context)
    {
        var width = bytes.Mean;
        string[] fields = width >= 1 && width < 2 ? ["fp8", "int8", "bf16", "fp16"] : ["bf16", "fp16"];
        return fields.Select(f => context.OptionalField(hardware, f)).FirstOrDefault(m => m is not null)
            ?? throw context.Fail(Codes.UnknownField, $"{hardware.Describe()} has none of {string.Join(", ", fields)}; give the compute rate as peak: (e.g. peak: 312 TFLOP/s)");
    }
}
