using System.Collections.Frozen;
using CostDsl.Functions;
using CostDsl.Syntax;
using CostDsl.Units;

namespace CostDsl.Semantics;

/// <summary>The fields LANGUAGE.md names for each kind of block, and the dimensions they must have. Other fields are free.</summary>
public static class KnownFields
{
    public sealed record Rule(string Field, string Meaning, IReadOnlyList<Dimension> Allowed);

    private static readonly FrozenDictionary<BlockKind, FrozenDictionary<string, Rule>> Rules = new Dictionary<BlockKind, FrozenDictionary<string, Rule>>
    {
        [BlockKind.Hardware] = Table(
            ("fp32", "operations per time (e.g. TFLOP/s)", [Dimensions.OperationRate]),
            ("fp16", "operations per time (e.g. TFLOP/s)", [Dimensions.OperationRate]),
            ("bf16", "operations per time (e.g. TFLOP/s)", [Dimensions.OperationRate]),
            ("fp8", "operations per time (e.g. TFLOP/s)", [Dimensions.OperationRate]),
            ("int8", "operations per time (e.g. TOPS)", [Dimensions.OperationRate]),
            ("memory", "information (e.g. GB)", [Dimensions.Information]),
            ("bandwidth", "information per time (e.g. GB/s)", [Dimensions.InformationRate]),
            ("interconnect", "information per time (e.g. GB/s)", [Dimensions.InformationRate]),
            ("power", "power (e.g. W)", [Dimensions.Power]),
            ("price", "money (e.g. USD)", [Dimensions.Money]),
            ("rent", "money per time (e.g. USD/h)", [Dimensions.MoneyRate])),
        [BlockKind.Model] = Table(
            ("params", "a count", [Dimensions.Number]),
            ("active_params", "a count", [Dimensions.Number]),
            ("layers", "a count", [Dimensions.Number]),
            ("d_model", "a count", [Dimensions.Number]),
            ("heads", "a count", [Dimensions.Number]),
            ("kv_heads", "a count", [Dimensions.Number]),
            ("vocab", "a count", [Dimensions.Number]),
            ("context", "tokens (e.g. 4096 token)", [Dimensions.Tokens]),
            ("bytes_per_param", "information (e.g. 2 B)", [Dimensions.Information])),
        [BlockKind.Workload] = Table(
            ("users", "a count", [Dimensions.Number]),
            ("requests", "a count, or a count per time", [Dimensions.Number, Dimension.None / Dimensions.Time]),
            ("interval", "time (e.g. 3 s)", [Dimensions.Time]),
            ("latency", "time (e.g. 3 s)", [Dimensions.Time]),
            ("duration", "time (e.g. 3 s)", [Dimensions.Time]),
            ("input", "tokens (e.g. 50 token)", [Dimensions.Tokens]),
            ("output", "tokens (e.g. 50 token)", [Dimensions.Tokens]),
            ("tokens", "tokens (e.g. 50 token)", [Dimensions.Tokens]),
            ("util", "a plain number (e.g. 40%)", [Dimensions.Number]),
            ("overhead", "a plain number (e.g. 20%)", [Dimensions.Number])),
    }.ToFrozenDictionary();

    public static Rule? Find(BlockKind kind, string field) => Rules[kind].GetValueOrDefault(field);

    public static IEnumerable<Rule> Of(BlockKind kind) => Rules[kind].Values;

    private static FrozenDictionary<string, Rule> Table(params (string Field, string Meaning, Dimension[] Allowed)[] rules) =>
        rules.ToFrozenDictionary(r => r.Field, r => new Rule(r.Field, r.Meaning, r.Allowed), StringComparer.Ordinal);
}
