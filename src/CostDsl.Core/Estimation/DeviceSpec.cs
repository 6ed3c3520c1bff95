using System.Collections.Immutable;

namespace CostDsl.Estimation;

/// <summary>
/// One accelerator's figures in base units (B, B/s, FLOP/s), as the catalog gives them. A field the catalog
/// leaves out is null (or absent from <see cref="Peaks"/>): a model that needs it says so.
/// </summary>
public sealed record DeviceSpec(
    string Name,
    double? Memory,
    double? Bandwidth,
    double? Interconnect,
    double? Network,
    double? GpusPerNode,
    ImmutableSortedDictionary<string, double> Peaks)
{
    /// <summary>The hardware fields that are peak matmul rates, by precision.</summary>
    public static readonly ImmutableArray<string> PeakFields = ["fp32", "tf32", "fp16", "bf16", "fp8", "fp6", "fp4", "int8", "int4", "fp64"];

    /// <summary>The other fields the performance models read.</summary>
    public static readonly ImmutableArray<string> OtherFields = ["memory", "bandwidth", "interconnect", "network", "gpus_per_node"];

    public double? Peak(string field) => Peaks.TryGetValue(field, out var rate) ? rate : null;
}
