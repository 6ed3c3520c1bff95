using System.Collections.Immutable;
using CostDsl.Diagnostics;
using CostDsl.Estimation;
using CostDsl.Estimation.Training;
using CostDsl.Runtime;
using CostDsl.Semantics;
using CostDsl.Units;

namespace CostDsl.Functions;

/// <summary>
/// The parameters the training functions share, and how a call becomes training runs: one per element of the
/// run's vectors (sweep points x samples), since a swept GPU count or layout changes the run. The model's shape and
/// the layout must be exact at each element; the three efficiency shares may be uncertain, and by default are drawn
/// from their calibrated intervals (each call draws its own; pass a let to share one draw between calls).
/// </summary>
internal static class TrainingArguments
{
    public const string RecomputeHelp = "0 none, 1 selective (attention scores), 2 full";

    /// <summary>The layout options, after the leading parameters of each function.</summary>
    public static ImmutableArray<FunctionParameter> Layout { get; } =
    [
        new("gpus", "GPUs of the run (tp x pp x dp x cp)", Dimensions.Number),
        new("batch", "global batch: sequences per optimizer step", Dimensions.Number),
        new("sequence", "tokens per sequence", Dimensions.Tokens),
        new("tp", "tensor-parallel degree; default 1", Dimensions.Number, Default: Quantity.Dimensionless(1)),
        new("pp", "pipeline-parallel degree; default 1", Dimensions.Number, Default: Quantity.Dimensionless(1)),
        OptionalArgument.Parameter("dp", "data-parallel degree; left out: gpus / (tp x pp x cp)", Dimensions.Number),
        new("cp", "context-parallel degree (splits the sequence); default 1", Dimensions.Number, Default: Quantity.Dimensionless(1)),
        new("ep", "expert-parallel degree, taken from dp x cp (MoE only); default 1", Dimensions.Number, Default: Quantity.Dimensionless(1)),
        new("vp", "virtual (interleaved) pipeline stages per rank; default 1", Dimensions.Number, Default: Quantity.Dimensionless(1)),
        new("micro_batch", "sequences per micro-batch; default 1", Dimensions.Number, Default: Quantity.Dimensionless(1)),
        new("recompute", "activation recomputation: " + RecomputeHelp + "; default 0", Dimensions.Number, Default: Quantity.Dimensionless(0)),
        new("zero", "ZeRO stage 0-3 (a distributed optimizer is 1); default 1", Dimensions.Number, Default: Quantity.Dimensionless(1)),
        new("sp", "sequence parallelism with TP, 1 or 0; default 1", Dimensions.Number, Default: Quantity.Dimensionless(1)),
        new("flash", "a current software stack, 1 or 0: FlashAttention-style kernels that never store the scores, no dropout, TP and pipeline communication overlapped with compute; default 1", Dimensions.Number, Default: Quantity.Dimensionless(1)),
    ];

    /// <summary>The device's rate and the efficiency assumptions, for the functions that take time.</summary>
    public static ImmutableArray<FunctionParameter> Speed { get; } =
    [
        OptionalArgument.Parameter("peak", "dense peak of the GEMMs' precision (e.g. H100_SXM.fp8); left out: the hardware's bf16, else fp16", Dimensions.OperationRate),
        OptionalArgument.Parameter("matmul_share", $"share of peak the GEMMs achieve; left out: {Interval(EfficiencyAssumptions.MatmulInterval)}", Dimensions.Number),
        OptionalArgument.Parameter("memory_share", $"share of HBM bandwidth memory-bound kernels achieve; left out: {Interval(EfficiencyAssumptions.MemoryInterval)}", Dimensions.Number),
        OptionalArgument.Parameter("collective_share", $"share of link bandwidth collectives achieve; left out: {Interval(EfficiencyAssumptions.CollectiveInterval)}", Dimensions.Number),
    ];

    private static string Interval((double Low, double High) interval) => $"{interval.Low:0%} to {interval.High:0%} (90% interval, calibrated)";

    /// <summary>The block fields the training model reads: the model fields the shape needs, and with a device, its memory and bandwidth.</summary>
    public static ImmutableArray<FieldRead> Reads(bool withHardware) =>
    [
        .. new[] { "params", "layers", "d_model", "heads", "vocab" }.Select(f => new FieldRead("model", f, Dimensions.Number)),
        .. withHardware
            ? [ModelFields.HardwareRead("memory", Dimensions.Information), ModelFields.HardwareRead("bandwidth", Dimensions.InformationRate)]
            : Array.Empty<FieldRead>(),
    ];

    /// <summary>
    /// Evaluates <paramref name="result"/> for the run of each element of the call's vectors.
    /// <paramref name="first"/> is the index of 'gpus'; <paramref name="hardwareIndex"/> is -1 for functions without a device.
    /// </summary>
    public static Magnitude Evaluate(IReadOnlyList<Value> args, ICallContext context, int first, int hardwareIndex, Func<TrainingRun, EfficiencyAssumptions, int, double> result)
    {
        var model = args.Block(0);
        var hardware = hardwareIndex >= 0 ? args.Block(hardwareIndex) : null;
        var magnitudes = new List<Magnitude>();
        Magnitude Read(Magnitude m)
        {
            magnitudes.Add(m);
            return m;
        }

        var modelFields = ModelShape.Fields.ToDictionary(f => f, f => context.OptionalField(model, f) is { } m ? Read(m) : null);
        var layout = Enumerable.Range(first, Layout.Length).ToDictionary(i => Layout[i - first].Name, i => OptionalArgument.IsGiven(args[i]) ? Read(args.Magnitude(i)) : null);
        var deviceFields = hardware is null ? [] : DeviceSpec.PeakFields.Concat(DeviceSpec.OtherFields)
            .ToDictionary(f => f, f => context.OptionalField(hardware, f) is { } m ? Read(m) : null);
        var speed = first + Layout.Length;
        Magnitude? Given(int offset) => hardware is not null && OptionalArgument.IsGiven(args[speed + offset]) ? Read(args.Magnitude(speed + offset)) : null;
        var peak = Given(0);
        var givenMatmul = Given(1);
        var givenCollective = Given(3);
        var matmul = hardware is null ? null : givenMatmul ?? context.Sample("matmul_share", EfficiencyAssumptions.Draws(EfficiencyAssumptions.MatmulInterval));
        var memory = hardware is null ? null : Given(2) ?? context.Sample("memory_share", EfficiencyAssumptions.Draws(EfficiencyAssumptions.MemoryInterval));
        var collective = hardware is null ? null : givenCollective ?? context.Sample("collective_share", EfficiencyAssumptions.Draws(EfficiencyAssumptions.CollectiveInterval));

        // Not parameters of the call, drawn from their sourced intervals (grammar/models.md): the fp8 GEMMs' share, unless
        // matmul_share is given (it is then the share of the peak passed, whatever its format), and the exposed part of
        // overlapped communication, at its median when collective_share is given, so that given shares give an exact result.
        var fp8 = hardware is null ? null : givenMatmul ?? context.Sample("fp8_matmul_share", EfficiencyAssumptions.Draws(EfficiencyAssumptions.Fp8MatmulInterval));
        var exposed = hardware is null || givenCollective is not null ? null : context.Sample("exposed_comm_share", EfficiencyAssumptions.Draws(EfficiencyAssumptions.ExposedCommInterval));
        foreach (var m in new[] { matmul, memory, collective, fp8, exposed })
        {
            if (m is not null)
            {
                magnitudes.Add(m);
            }
        }

        var count = magnitudes.Max(m => m.Count);
        var values = new double[count];
        (string Key, TrainingRun Run)? last = null;
        for (var i = 0; i < count; i++)
        {
            var key = string.Join(",", modelFields.Values.Concat(layout.Values).Concat(deviceFields.Values).Append(peak).Select(m => m?.At(i).ToString("R", System.Globalization.CultureInfo.InvariantCulture) ?? "-"));
            var run = last is { } cached && cached.Key == key ? cached.Run : Run(model, hardware, modelFields, layout, deviceFields, peak, i, context);
            last = (key, run);
            var efficiency = hardware is null
                ? EfficiencyAssumptions.Median
                : new EfficiencyAssumptions(Share(matmul!, i, "matmul_share", context), Share(memory!, i, "memory_share", context), Share(collective!, i, "collective_share", context))
                {
                    Fp8MatmulShare = Share(fp8!, i, "matmul_share", context),
                    ExposedCommShare = exposed?.At(i) ?? EfficiencyAssumptions.Median.ExposedCommShare,
                };
            values[i] = result(run, efficiency, i);
        }

        return count == 1 ? Magnitude.Exact(values[0]) : Magnitude.Sampled(values);
    }

    private static double Share(Magnitude share, int i, string name, ICallContext context)
    {
        var value = share.At(i);
        return value is > 0 and <= 1 ? value : throw context.Fail(Codes.DomainError, $"{name} must be above 0% and at most 100%, but is {value:0.###}");
    }

    private static TrainingRun Run(
        BlockSymbol model,
        BlockSymbol? hardware,
        Dictionary<string, Magnitude?> modelFields,
        Dictionary<string, Magnitude?> layout,
        Dictionary<string, Magnitude?> deviceFields,
        Magnitude? peak,
        int i,
        ICallContext context)
    {
        var (read, problem) = ModelShape.Read(model.Name, f => modelFields[f]?.At(i));
        if (read is null)
        {
            throw context.Fail(Codes.DomainError, problem!);
        }

        var (shape, shapeProblem) = TransformerShape.From(read);
        if (shape is null)
        {
            throw context.Fail(Codes.DomainError, shapeProblem!);
        }

        int Whole(string name, int minimum)
        {
            var value = layout[name]!.At(i);
            return value >= minimum && value <= int.MaxValue && value == Math.Floor(value)
                ? (int)value
                : throw context.Fail(Codes.DomainError, $"{name} must be a whole number of at least {minimum}, but is {value:0.###}");
        }

        var gpus = Whole("gpus", 1);
        var (tp, pp, cp) = (Whole("tp", 1), Whole("pp", 1), Whole("cp", 1));
        var dp = layout["dp"] is null ? Math.Max(1, gpus / Math.Max(1, tp * pp * cp)) : Whole("dp", 1);
        var recompute = Whole("recompute", 0);
        var sp = Whole("sp", 0);
        var flash = Whole("flash", 0);
        if (recompute > 2 || sp > 1 || flash > 1)
        {
            throw context.Fail(Codes.DomainError, $"recompute is {RecomputeHelp}; sp and flash are 1 or 0");
        }

        var parallel = new ParallelLayout(tp, pp, dp, Whole("micro_batch", 1), (Recompute)recompute, cp, Whole("ep", 1), Whole("vp", 1), sp == 1, Whole("zero", 0)).WithSoftware(flash == 1);
        var device = hardware is null
            ? new TrainingDevice("(none)", 1, double.MaxValue, 1, 0, 0, int.MaxValue, 1)
            : Device(hardware, deviceFields, peak, i, context);
        var run = new TrainingRun(shape, parallel, device, gpus, layout["batch"]!.At(i), layout["sequence"]!.At(i));
        if (run.LayoutProblem() is { } layoutProblem)
        {
            throw context.Fail(Codes.DomainError, layoutProblem);
        }

        return run;
    }

    private static TrainingDevice Device(BlockSymbol hardware, Dictionary<string, Magnitude?> fields, Magnitude? peak, int i, ICallContext context)
    {
        double? Field(string f) => fields[f]?.At(i) is { } v && v > 0 ? v : null;
        var sixteen = Field("bf16") ?? Field("fp16");
        var rate = peak?.At(i) ?? sixteen
            ?? throw context.Fail(Codes.UnknownField, $"{hardware.Describe()} has no bf16 or fp16 peak: pass the GEMMs' rate as peak: (e.g. {hardware.Name}.fp8)");
        if (rate <= 0)
        {
            throw context.Fail(Codes.DomainError, "peak must be above zero");
        }

        var spec = new DeviceSpec(
            hardware.Name,
            Field("memory"),
            Field("bandwidth"),
            Field("interconnect"),
            Field("network"),
            Field("gpus_per_node"),
            ImmutableSortedDictionary<string, double>.Empty.Add("run", rate));
        var (device, problem) = TrainingDevice.From(spec, new Precision("run", 16, "run", "run", "the call's peak"));
        return device is null
            ? throw context.Fail(Codes.DomainError, problem!)
            : device with { AttentionPeakFlops = Math.Min(rate, sixteen ?? rate) };
    }

    /// <summary>Stops the call when the run does not fit, with both sides: an estimate of a run that cannot run is not a number.</summary>
    public static TrainingEstimate Fitting(TrainingRun run, EfficiencyAssumptions efficiency, ICallContext context)
    {
        var estimate = TrainingEstimate.Of(run, efficiency);
        return estimate.MemoryProblem() is { } problem
            ? throw context.Fail(Codes.TrainingDoesNotFit, $"the run does not fit: {problem}")
            : estimate;
    }

    public static Quantity Result(Magnitude magnitude, Dimension dimension) => new(magnitude, dimension);
}
