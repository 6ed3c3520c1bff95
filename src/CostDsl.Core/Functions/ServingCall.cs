using System.Collections.Immutable;
using CostDsl.Diagnostics;
using CostDsl.Estimation;
using CostDsl.Estimation.Serving;
using CostDsl.Runtime;
using CostDsl.Semantics;

namespace CostDsl.Functions;

/// <summary>
/// One call of a serving function, read from its arguments: the model's shape and the device's figures (read
/// once as magnitudes, then taken sample by sample, so uncertain fields work), the replica's tensor-parallel
/// devices and precisions, and the efficiencies, given or drawn from the default assumptions. <see cref="Map"/>
/// evaluates the step model once per sample.
/// </summary>
internal sealed class ServingCall
{
    private readonly BlockSymbol model;
    private readonly BlockSymbol hardware;
    private readonly ICallContext context;
    private readonly Dictionary<string, Magnitude?> modelFields;
    private readonly Magnitude devices;
    private readonly Magnitude weightBytes;
    private readonly Magnitude kvBytes;
    private readonly Magnitude peak;
    private readonly Magnitude attentionPeak;
    private readonly Magnitude bandwidth;
    private readonly Magnitude memory;
    private readonly Magnitude? link;
    private readonly Magnitude[] efficiency;
    private readonly int length;

    private ServingCall(BlockSymbol model, BlockSymbol hardware, ICallContext context, Magnitude devices, Value weights, Value kv, Value peak, IReadOnlyList<Value> shares)
    {
        this.model = model;
        this.hardware = hardware;
        this.context = context;
        modelFields = ModelShape.Fields.ToDictionary(f => f, f => context.OptionalField(model, f), StringComparer.Ordinal);
        this.devices = ModelFields.Positive(devices, "devices", context);
        weightBytes = ModelFields.Positive(OptionalArgument.IsGiven(weights) ? ((Quantity)weights).Magnitude : context.RequiredField(model, "bytes_per_param"), "the bytes per weight", context);
        kvBytes = OptionalArgument.IsGiven(kv) ? ModelFields.Positive(((Quantity)kv).Magnitude, "kv", context) : weightBytes;
        this.peak = OptionalArgument.IsGiven(peak) ? ModelFields.Positive(((Quantity)peak).Magnitude, "peak", context) : DefaultPeak(hardware, weightBytes, context);
        attentionPeak = context.OptionalField(hardware, "bf16") ?? context.OptionalField(hardware, "fp16") ?? this.peak;
        bandwidth = ModelFields.Positive(context.RequiredField(hardware, "bandwidth"), $"{hardware.Describe()}.bandwidth", context);
        memory = ModelFields.Positive(context.RequiredField(hardware, "memory"), $"{hardware.Describe()}.memory", context);
        link = context.OptionalField(hardware, "interconnect");
        var assumptions = ServingAssumptions.Default.All.ToList();
        // A left-out efficiency is one draw per run, keyed by its name (not by this call), so every serving call of a spec sees the
        // same sample of it: tpot and the token rate of one batch stay consistent, and a spec need not repeat the arguments.
        // Shares of a peak must be above zero (they divide); fixed latencies and kv_reread may be zero (an ideal bound).
        efficiency = [.. assumptions.Select((a, i) => !OptionalArgument.IsGiven(shares[i]) ? context.SampleShared("serving." + a.Name, a.Fill)
            : a.Cap == 1 && !a.MayBeZero ? ModelFields.Positive(((Quantity)shares[i]).Magnitude, a.Name, context)
            : ((Quantity)shares[i]).Magnitude.Any(v => v < 0) ? throw context.Fail(Diagnostics.Codes.DomainError, $"{a.Name} must not be negative")
            : ((Quantity)shares[i]).Magnitude)];
        length = new[] { this.devices, weightBytes, kvBytes, this.peak, attentionPeak, bandwidth, memory }
            .Concat(efficiency).Concat(modelFields.Values.OfType<Magnitude>()).Concat(link is null ? [] : [link])
            .Max(m => m.Count);
    }

    /// <summary>The efficiency parameters every serving function takes, by name, each optional: left out, the default uncertain assumption.</summary>
    public static IEnumerable<FunctionParameter> EfficiencyParameters =>
        ServingAssumptions.Default.All.Select(a => OptionalArgument.Parameter(
            a.Name,
            $"{a.Meaning}; left out: {Describe(a)}",
            a.Cap == 1 ? Dimensions.Number : Dimensions.Time));

    /// <summary>
    /// Reads a call whose arguments are (model, hardware, ..., devices at <paramref name="devicesAt"/>, then weights, kv, peak
    /// and the efficiency parameters in order).
    /// </summary>
    public static ServingCall Read(IReadOnlyList<Value> args, ICallContext context, int devicesAt) =>
        new(args.Block(0), args.Block(1), context, args.Magnitude(devicesAt), args[devicesAt + 1], args[devicesAt + 2], args[devicesAt + 3], [.. args.Skip(devicesAt + 4)]);

    /// <summary>The parameters after devices: weights, kv, peak, then the efficiencies.</summary>
    public static IEnumerable<FunctionParameter> PrecisionAndEfficiencyParameters =>
    [
        OptionalArgument.Parameter("weights", "bytes per weight (2 B for bf16, 1 B for fp8 or int8, 0.5156 B for int4 with group-128 scales); left out: the model's bytes_per_param", Dimensions.Information),
        OptionalArgument.Parameter("kv", "bytes per cached key/value element; left out: as the weights", Dimensions.Information),
        OptionalArgument.Parameter("peak", "one device's peak matmul rate in the compute precision (e.g. H100_SXM.fp8); left out: bf16 (or fp16) for 2-byte weights, fp8 (or int8) for 1-byte, the 16-bit rate for smaller (weight-only)", Dimensions.OperationRate),
        .. EfficiencyParameters,
    ];

    /// <summary>The block fields every serving function reads: the model's shape and precision, the device's bandwidth and memory.</summary>
    public static ImmutableArray<FieldRead> Reads { get; } =
    [
        .. ModelFields.ShapeReads,
        .. ModelFields.StoredParamReads,
        .. ModelFields.BytesPerParamReads("weights"),
        ModelFields.HardwareRead("bandwidth", Dimensions.InformationRate),
        ModelFields.HardwareRead("memory", Dimensions.Information),
    ];

    /// <summary>Evaluates <paramref name="f"/> sample by sample; a failure in words stops the call with a diagnostic.</summary>
    public Magnitude Map(Func<ServingDeployment, ServingEfficiency, double> f) => Map((_, d, e) => f(d, e));

    /// <summary>As <see cref="Map(Func{ServingDeployment, ServingEfficiency, double})"/>, with the sample's index for the call's own uncertain arguments.</summary>
    public Magnitude Map(Func<int, ServingDeployment, ServingEfficiency, double> f, params Magnitude[] inputs)
    {
        var length = Math.Max(this.length, inputs.Length == 0 ? 1 : inputs.Max(m => m.Count));
        var result = new double[length];
        for (var i = 0; i < length; i++)
        {
            var deployment = Deployment(i);
            var e = new ServingEfficiency(efficiency[0].At(i), efficiency[1].At(i), efficiency[2].At(i), efficiency[3].At(i), efficiency[4].At(i), efficiency[5].At(i), efficiency[6].At(i), efficiency[7].At(i));
            result[i] = f(i, deployment, e);
        }

        return length == 1 && efficiency.All(e => e.IsExact) && modelFields.Values.All(m => m?.IsExact != false) && inputs.All(m => m.IsExact)
            ? Magnitude.Exact(result[0])
            : Magnitude.Sampled(result);
    }

    /// <summary>The replica at sample <paramref name="i"/>; a model that does not fit its devices is an error naming need and have.</summary>
    public ServingDeployment Deployment(int i)
    {
        var (shape, problem) = ModelShape.Read(model.Name, f => modelFields[f]?.At(i));
        if (shape is null)
        {
            throw context.Fail(Codes.DomainError, problem!);
        }

        var tp = devices.At(i);
        var d = new ServingDeployment(
            shape, tp, 1, weightBytes.At(i), kvBytes.At(i), ServingDeployment.DefaultActivationBytes,
            peak.At(i), attentionPeak.At(i), bandwidth.At(i), link?.At(i) / 2 ?? (tp == 1 ? double.PositiveInfinity : double.NaN), memory.At(i));
        if (double.IsNaN(d.Link))
        {
            throw context.Fail(Codes.UnknownField, $"{hardware.Describe()} has no field 'interconnect', which {tp} devices in tensor parallel need");
        }

        var have = d.Memory * (1 - ServingCapacity.Reserve);
        if (d.WeightsPerDevice > have)
        {
            throw context.Fail(Codes.DomainError, Fit.DoesNotFit($"{model.Name}'s weights", d.WeightsPerDevice * tp, d.Memory * tp, tp, hardware.Name));
        }

        return d;
    }

    /// <summary>Stops the call with a domain error in words (an estimate that cannot be made).</summary>
    public Exception Fail(string message) => context.Fail(Codes.DomainError, message);

    /// <summary>Stops the call when <paramref name="sequences"/> sequences of <paramref name="context"/> tokens do not fit beside the weights.</summary>
    public void RequireFit(ServingDeployment d, double sequences, double context)
    {
        var need = d.WeightsPerDevice + d.KvPerDevice(sequences, context);
        if (need > d.Memory * (1 - ServingCapacity.Reserve))
        {
            throw this.context.Fail(Codes.DomainError, Fit.DoesNotFit($"{model.Name} with a batch of {sequences:0.##} at {context:0} tokens", need * d.Tp, d.Memory * d.Tp, d.Tp, hardware.Name));
        }
    }

    private static Magnitude DefaultPeak(BlockSymbol hardware, Magnitude bytes, ICallContext context)
    {
        var width = bytes.Mean;
        string[] fields = width >= 1 && width < 2 ? ["fp8", "int8", "bf16", "fp16"] : ["bf16", "fp16"];
        return fields.Select(f => context.OptionalField(hardware, f)).FirstOrDefault(m => m is not null)
            ?? throw context.Fail(Codes.UnknownField, $"{hardware.Describe()} has none of {string.Join(", ", fields)}; give the compute rate as peak: (e.g. peak: {hardware.Name}.fp16)");
    }

    private static string Describe(Assumption a) => a.Cap == 1
        ? $"{a.P5 * 100:0.##}% to {a.P95 * 100:0.##}%"
        : $"{a.P5 * 1e6:0.##} us to {a.P95 * 1e6:0.##} us";
}
