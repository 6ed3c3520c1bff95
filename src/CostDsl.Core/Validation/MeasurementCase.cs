using System.Collections.Immutable;

namespace CostDsl.Validation;

/// <summary>
/// One published measurement row of a cost-measurements/1 file (grammar/measurements.md): the common
/// keys, the model, the parallel layout, the kind's own keys and the measured figures. Immutable;
/// <see cref="Location"/> says where in which file it was read, for messages.
/// </summary>
public sealed record MeasurementCase(
    CaseLocation Location,
    string Id,
    string Kind,
    string Group,
    string Source,
    string Quote,
    string Notes,
    ImmutableArray<string> Flags,
    CaseModel Model,
    string Hardware,
    int Gpus,
    CaseParallel Parallel,
    ImmutableArray<Measurement> Measured,
    CaseDerived? Derived,
    TrainingSetup? Training,
    ServingSetup? Serving)
{
    public const string TrainingKind = "training";

    public const string ServingKind = "serving";
}

/// <summary>Where a case (or a value in it) was read: the file as given and the JSON path, e.g. <c>cases[3].model.layers</c>.</summary>
public sealed record CaseLocation(string File, string JsonPath)
{
    public override string ToString() => $"{File}: {JsonPath}";
}

/// <summary>One published figure: the metric's key (e.g. <c>ttft_ms</c>) and its value in the unit the key names.</summary>
public sealed record Measurement(string Metric, double Value);

/// <summary>Figures computed by the file's authors, never published, with the note saying how.</summary>
public sealed record CaseDerived(string Note, ImmutableArray<Measurement> Values);

/// <summary>The model object of a case. Null is "unknown" (the case's notes say why); counts are counts.</summary>
public sealed record CaseModel(
    string Name,
    double? Params,
    int? Layers,
    int? DModel,
    int? Heads,
    int? KvHeads,
    int? HeadDim,
    int? Ffn,
    bool? GatedMlp,
    int? Vocab,
    bool? TiedEmbeddings,
    double? ActiveParams,
    int? Experts,
    int? ExpertsPerToken,
    int? MoeFfn,
    int? SlidingWindow)
{
    public bool IsMixtureOfExperts => Experts is not null || ExpertsPerToken is not null || MoeFfn is not null || ActiveParams is not null;
}

/// <summary>The parallel degrees; all eight keys are in every case, each may be null (unknown).</summary>
public sealed record CaseParallel(int? Tp, int? Pp, int? Dp, int? Cp, int? Ep, int? Vp, bool? Sp, int? Zero);

/// <summary>The keys only training cases have.</summary>
public sealed record TrainingSetup(int? Sequence, int? GlobalBatch, int? MicroBatch, string? Recompute, string? Precision, string? FlopsDefinition);

/// <summary>The keys only serving cases have. Precisions are the format's names (fp16, bf16, fp8, int8, int4, fp4).</summary>
public sealed record ServingSetup(
    string? Weights,
    string? Kv,
    int? InputTokens,
    int? OutputTokens,
    int? Batch,
    int? Concurrency,
    string Mode,
    string Framework);

/// <summary>The cases of one file, in file order.</summary>
public sealed record MeasurementFile(string Path, ImmutableArray<MeasurementCase> Cases);
