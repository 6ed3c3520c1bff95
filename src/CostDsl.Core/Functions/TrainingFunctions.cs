using CostDsl.Estimation.Training;
using CostDsl.Runtime;
using CostDsl.Semantics;

namespace CostDsl.Functions;

/// <summary>
/// Training estimates. training_step_time and the functions after it run the parallelism-aware training model
/// (src/CostDsl.Core/Estimation/Training, grammar/models.md): they take the model, the device, the GPU count, the
/// global batch and the sequence, and the layout by name (tp:, pp:, micro_batch:, recompute:, zero:, ...).
/// training_days and training_memory are the earlier one-line estimates, kept for the specs that use them.
/// </summary>
internal static class TrainingFunctions
{
    private const string Sources = "Narayanan et al. 2021, arXiv:2104.04473 (eq. 3, 1F1B bubble (p - 1) / (v m)); Korthikanti et al. 2022, arXiv:2205.05198 "
        + "(activation memory, selective recomputation, sequence parallelism); Rajbhandari et al. 2020, \"ZeRO\", arXiv:1910.02054 (model states); "
        + "efficiency shares calibrated on examples/validation/dev/training.json (grammar/models.md)";

    private const string Layout = " Layout: dp = gpus / (tp * pp * cp) unless given (tp * pp * dp * cp must equal gpus); recompute "
        + TrainingArguments.RecomputeHelp + "; zero: ZeRO stage; sp, flash: 1 or 0.";

    private const string Uncertain = " The matmul, memory and collective shares are uncertain by default (their calibrated 90% intervals), so the result is too; "
        + "pass matmul_share:, memory_share:, collective_share: to set them. A run that does not fit in the device's memory is an error (CD0420) giving both sides.";

    public static IEnumerable<BuiltinFunction> All =>
    [
        Timed("training_step_time", "Time of one optimizer step: compute of the slowest pipeline stage (GEMMs at matmul_share of peak, memory-bound kernels at memory_share of HBM bandwidth) "
            + "plus tensor-, context- and expert-parallel exchanges, pipeline sends and the bubble (p - 1) / v micro-batch slots, the data-parallel reduction not hidden behind the backward pass, and the optimizer step.",
            "s (time)", Dimensions.Time, (e, _) => e.StepSeconds),
        Timed("training_tokens_per_s", "Tokens per second per GPU: batch * sequence / (step time * gpus).",
            "token/s per GPU", Dimensions.TokenRate, (e, _) => e.TokensPerSecondPerGpu),
        Timed("training_mfu", "Model FLOPs utilisation: model FLOPs of a step (3 * batch * sequence * (2 * weights a token multiplies + 4 * heads * head_dim * sequence per layer + 2 * d_model * vocab), "
            + "Narayanan eq. 3 without recomputation) / (step time * gpus * peak).",
            "a plain number", Dimensions.Number, (e, _) => e.Mfu),
        Timed("training_hfu", "Hardware FLOPs utilisation: as training_mfu, counting the recomputed forward pass (all of it for recompute 2, the attention scores for 1).",
            "a plain number", Dimensions.Number, (e, _) => e.Hfu),
        Timed("training_time", "Wall-clock time to train on `tokens`: tokens / (batch * sequence) steps of training_step_time. A time: show it with `in day`.",
            "s (time)", Dimensions.Time, (e, tokens) => tokens / (e.Run.GlobalBatch * e.Run.Sequence) * e.StepSeconds, withTokens: true),
        Timed("training_cost", "Rent of the GPUs while they train on `tokens`: training_time * gpus * hardware.rent.",
            "USD (money)", Dimensions.Money, (e, tokens) => tokens / (e.Run.GlobalBatch * e.Run.Sequence) * e.StepSeconds * e.Run.Gpus, withTokens: true, rent: true),
        Memory("training_memory_per_gpu", "Memory one GPU needs at its peak: weights, gradients and optimizer state (2 + 2 + 12 B per parameter, the GPU's share after TP, PP and EP, "
            + "sharded over dp by ZeRO 1-3) plus activations (Korthikanti's per-layer bytes for the layout, times the micro-batches a 1F1B first stage keeps in flight) and the fp32 logits on the last stage. "
            + "Compare with hardware.memory, leaving room for the framework's workspace.", m => m.Total),
        Memory("training_states_per_gpu", "The model-state part of training_memory_per_gpu: weights + gradients + optimizer state on one GPU.", m => m.States),
        Memory("training_activations_per_gpu", "The activation part of training_memory_per_gpu: the layers' kept activations of the micro-batches in flight, plus the logits.", m => m.Activations + m.Logits),
        new BuiltinFunction
        {
            Name = "training_days",
            Summary = "Wall-clock time to do `flops` of work on `count` devices of peak rate `peak` at utilisation `util`: flops / (peak * count * util). "
                + "A time: show it with `in day`. `peak` names the precision (A100.bf16 for bf16 training); util is the share of that peak the job sustains "
                + "(model FLOPs utilisation, often 30-50% for large training runs).",
            Source = "definition of utilisation: achieved rate = util * peak (Chowdhery et al. 2022, \"PaLM\", arXiv:2204.02311, appendix B, model FLOPs utilisation)",
            Parameters =
            [
                new("flops", "work to do (e.g. training_flops(...) or 3640 PFday)", Dimensions.Operations),
                new("peak", "one device's peak rate in the chosen precision (e.g. A100.bf16)", Dimensions.OperationRate),
                new("count", "devices working together", Dimensions.Number),
                new("util", "share of peak sustained (e.g. 40%)", Dimensions.Number),
            ],
            Result = ResultDimension.Fixed(Dimensions.Time, "s (time)"),
            Compute = (args, context) =>
            {
                var rate = (Operand)ModelFields.Positive(args.Magnitude(1), "peak", context)
                    * ModelFields.Positive(args.Magnitude(2), "count", context)
                    * ModelFields.Positive(args.Magnitude(3), "util", context);
                return ((Operand)args.Magnitude(0) / rate).Magnitude;
            },
        },
        new BuiltinFunction
        {
            Name = "training_memory",
            Summary = "Memory to train with mixed-precision Adam, without sharding: 16 B per parameter of model states "
                + "(fp16 weights 2 + fp16 gradients 2 + fp32 master weights 4 + Adam momentum 4 + variance 4), times params. "
                + "When `tokens` (sequence length) is given, plus the activations of `batch` sequences with no recomputation: "
                + "layers * tokens * batch * d_model * (34 + 5 * heads * tokens / d_model) B (16-bit activations, a GPT-style layer with a 4 * d_model MLP). "
                + "The 5 * heads * tokens / d_model part is the attention scores; FlashAttention or selective recomputation removes it, and full recomputation "
                + "keeps only each layer's input. Divide by the data-parallel devices for ZeRO-3 / FSDP sharding of the states.",
            Source = "Rajbhandari et al. 2020, \"ZeRO\", arXiv:1910.02054, section 3.1 (16 bytes per parameter); "
                + "Korthikanti et al. 2022, \"Reducing Activation Recomputation in Large Transformer Models\", arXiv:2205.05198, section 4.1, equation 1",
            Parameters =
            [
                ModelFields.Model,
                OptionalArgument.Parameter("tokens", "sequence length; left out: model states only, no activations", Dimensions.Tokens),
                new("batch", "sequences per device per step (micro-batch); default 1", Dimensions.Number, Default: Quantity.Dimensionless(1)),
            ],
            Result = ResultDimension.Fixed(Dimensions.Information, "B (information)"),
            Reads = [.. ModelFields.StoredParamReads, .. ModelFields.ShapeReads.WhenGiven("tokens")],
            Compute = (args, context) =>
            {
                var model = args.Block(0);
                var bytes = ModelStates.Total16 * ModelFields.StoredParams(model, context);
                if (OptionalArgument.IsGiven(args[1]))
                {
                    var shape = ModelFields.ShapeOf(model, context);
                    Operand sequence = args.Magnitude(1);
                    var width = (Operand)ModelFields.Positive(shape.DModel, $"{model.Describe()}.d_model", context);
                    bytes += shape.Layers * sequence * args.Magnitude(2) * width * (34 + (5 * (Operand)shape.Heads * sequence / width));
                }

                return bytes.Magnitude;
            },
        },
    ];

    private static BuiltinFunction Timed(string name, string summary, string returns, Units.Dimension dimension, Func<TrainingEstimate, double, double> result, bool withTokens = false, bool rent = false)
    {
        var first = withTokens ? 3 : 2;
        return new BuiltinFunction
        {
            Name = name,
            Summary = summary + Layout + Uncertain,
            Source = Sources,
            IsDistribution = true,
            Parameters =
            [
                ModelFields.Model,
                ModelFields.Hardware,
                .. withTokens ? [new FunctionParameter("tokens", "training tokens (e.g. 15e12 token)", Dimensions.Tokens)] : Array.Empty<FunctionParameter>(),
                .. TrainingArguments.Layout,
                .. TrainingArguments.Speed,
            ],
            Result = ResultDimension.Fixed(dimension, returns),
            Reads = [.. TrainingArguments.Reads(withHardware: true), .. rent ? [ModelFields.HardwareRead("rent", Dimensions.MoneyRate)] : Array.Empty<FieldRead>()],
            Compute = (args, context) =>
            {
                var tokens = withTokens ? args.Magnitude(2) : null;
                var price = rent ? context.RequiredField(args.Block(1), "rent") : null;
                return TrainingArguments.Evaluate(args, context, first, 1, (run, efficiency, i) =>
                {
                    var value = result(TrainingArguments.Fitting(run, efficiency, context), tokens?.At(i) ?? 0);
                    return price is null ? value : value * price.At(i);
                });
            },
        };
    }

    private static BuiltinFunction Memory(string name, string summary, Func<MemoryPerGpu, double> part) => new()
    {
        Name = name,
        Summary = summary + Layout,
        Source = Sources,
        Parameters = [ModelFields.Model, .. TrainingArguments.Layout],
        Result = ResultDimension.Fixed(Dimensions.Information, "B (information)"),
        Reads = TrainingArguments.Reads(withHardware: false),
        Compute = (args, context) =>
            TrainingArguments.Evaluate(args, context, 1, -1, (run, _, _) => part(MemoryPerGpu.Of(run.Shape, run.Layout, run.Sequence, run.MicroBatches))),
    };
}
