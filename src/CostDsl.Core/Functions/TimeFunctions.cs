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
            Summary = "Time to read a prompt, compute bound: batch * inference_flops(model, tokens) / (peak * util), with the attention span equal to the prompt. "
                + "`peak` names the precision (e.g. H100_SXM.fp16; several devices in tensor parallel: 4 * H100_SXM.fp16).",
            Source = ComputeFunctions.Kaplan + ", Table 1 (forward-pass FLOPs); Pope et al. 2022, \"Efficiently Scaling Transformer Inference\", arXiv:2211.05102, section 2 (prefill runs all prompt tokens in parallel and is compute bound)",
            Returns = "s (time)",
            Parameters =
            [
                ModelFields.Model,
                new("tokens", "prompt tokens per sequence", Dimensions.Tokens),
                new("peak", "peak rate of the devices serving it, in the chosen precision", Dimensions.OperationRate),
                new("util", "share of peak sustained (e.g. 50%)", Dimensions.Number),
                new("batch", "prompts read together; default 1", Dimensions.Number, Default: Quantity.Dimensionless(1)),
            ],
            ResultType = (types, context) => ModelFields.CheckComputeParams(types[0], context, "prefill_seconds")
                ? Arguments.Quantity(Dimensions.Time)
                : StaticType.Error,
            Invoke = (args, context) =>
            {
                var tokens = args.Magnitude(1);
                var work = args.Magnitude(4) * ComputeFunctions.InferenceFlops(args.Block(0), tokens, tokens, context);
                var rate = (Operand)ModelFields.Positive(args.Magnitude(2), "peak", context) * ModelFields.Positive(args.Magnitude(3), "util", context);
                return new Quantity((work / rate).Magnitude, Dimensions.Time);
            },
        },
        new BuiltinFunction
        {
            Name = "decode_tokens_per_s",
            Summary = "Generation speed, memory-bandwidth bound: each decode step reads every weight once, shared by the whole batch, "
                + "plus each sequence's KV cache when `context` is given, and yields one token per sequence. "
                + "Tokens per second over the batch = batch * devices * bandwidth * util / (params * bytes_per_param + kv_cache(model, context, batch, bytes_per_param)). "
                + "Per sequence it is that divided by batch. `devices` splits the weights in ideal tensor parallel (communication left out). "
                + "Uses params, all weights: a mixture-of-experts model at batch 1 reads only its active experts, so for it this is a lower bound. "
                + "Compute is assumed not to bind, which holds while batch is well below peak * bytes_per_param / (2 * bandwidth) (about 150 for fp16 on an A100); check it with prefill-style arithmetic above that.",
            Source = "Pope et al. 2022, \"Efficiently Scaling Transformer Inference\", arXiv:2211.05102, section 2 (decode is memory-bandwidth bound: weights and KV cache are loaded every step)",
            Returns = "token/s",
            Parameters =
            [
                ModelFields.Model,
                ModelFields.Hardware,
                new("batch", "sequences decoded together; default 1", Dimensions.Number, Default: Quantity.Dimensionless(1)),
                OptionalArgument.Parameter("bytes_per_param", "bytes per weight and per cached value; left out: the model's bytes_per_param", Dimensions.Information),
                OptionalArgument.Parameter("context", "tokens already in each sequence's KV cache; left out: the cache is not counted", Dimensions.Tokens),
                new("devices", "devices the weights are split over; default 1", Dimensions.Number, Default: Quantity.Dimensionless(1)),
                new("util", "share of peak bandwidth achieved; default 1, the bound itself", Dimensions.Number, Default: Quantity.Dimensionless(1)),
            ],
            ResultType = (types, context) =>
                ModelFields.CheckStoredParams(types[0], context, "decode_tokens_per_s")
                & ModelFields.CheckBytesPerParam(types[0], types[3], context, "decode_tokens_per_s")
                & ModelFields.CheckHardwareField(types[1], "bandwidth", Dimensions.InformationRate, context, "decode_tokens_per_s")
                & (!OptionalArgument.IsGiven(types[4]) || ModelFields.CheckShape(types[0], context, "decode_tokens_per_s"))
                    ? Arguments.Quantity(Dimensions.TokenRate)
                    : StaticType.Error,
            Invoke = (args, context) =>
            {
                var model = args.Block(0);
                var hardware = args.Block(1);
                var batch = ModelFields.Positive(args.Magnitude(2), "batch", context);
                var bytesPerParam = ModelFields.BytesPerParam(args[3], model, context);
                var stepBytes = ModelFields.StoredParams(model, context) * bytesPerParam;
                if (OptionalArgument.IsGiven(args[4]))
                {
                    stepBytes += MemoryFunctions.KvCache(model, args.Magnitude(4), batch, bytesPerParam, context);
                }

                var bandwidth = (Operand)ModelFields.Positive(context.RequiredField(hardware, "bandwidth"), $"{hardware.Describe()}.bandwidth", context)
                    * ModelFields.Positive(args.Magnitude(5), "devices", context)
                    * ModelFields.Positive(args.Magnitude(6), "util", context);
                var step = ModelFields.Positive(stepBytes.Magnitude, "the bytes read per step", context);
                return new Quantity((batch * bandwidth / step).Magnitude, Dimensions.TokenRate);
            },
        },
    ];
}
