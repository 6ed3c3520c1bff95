using System.Collections.Frozen;
using CostDsl.Functions;
using CostDsl.Syntax;
using CostDsl.Units;

namespace CostDsl.Semantics;

/// <summary>The fields grammar/language.md lists (the table there is generated from this one) for each kind of block, and the dimensions they must have. Other fields are free.</summary>
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
            ("fp6", "operations per time (e.g. PFLOP/s)", [Dimensions.OperationRate]),
            ("fp4", "operations per time (e.g. PFLOP/s)", [Dimensions.OperationRate]),
            ("tf32", "operations per time (e.g. TFLOP/s)", [Dimensions.OperationRate]),
            ("fp64", "operations per time (e.g. TFLOP/s)", [Dimensions.OperationRate]),
            ("int8", "operations per time (e.g. TOPS)", [Dimensions.OperationRate]),
            ("int4", "operations per time (e.g. TOPS)", [Dimensions.OperationRate]),
            ("memory", "information (e.g. GB)", [Dimensions.Information]),
            ("bandwidth", "information per time (e.g. GB/s)", [Dimensions.InformationRate]),
            // The per-GPU scale-up link (NVLink, Infinity Fabric, ICI, or PCIe where there is none), total of both directions as vendors print it.
            ("interconnect", "information per time (e.g. GB/s)", [Dimensions.InformationRate]),
            // The per-GPU share of the node's scale-out NICs (e.g. 400 Gb/s for one ConnectX-7 per H100), one direction.
            ("network", "information per time (e.g. 400 Gbit/s)", [Dimensions.InformationRate]),
            ("gpus_per_node", "a count (GPUs joined by the interconnect)", [Dimensions.Number]),
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
            ("bytes_per_param", "information (e.g. 2 B)", [Dimensions.Information]),
            ("head_dim", "a count (set only where it is not d_model / heads)", [Dimensions.Number]),
            ("ffn", "a count (the dense MLP's intermediate size)", [Dimensions.Number]),
            ("mlp_matrices", "a count: 3 for a gated MLP (SwiGLU, GeGLU), 2 for GELU/ReLU", [Dimensions.Number]),
            ("tied_embeddings", "1 when the output projection shares the input embedding, else 0", [Dimensions.Number]),
            ("sliding_window", "tokens (e.g. 4096 token)", [Dimensions.Tokens]),
            ("sliding_layers", "a count (layers that use the sliding window; all when absent)", [Dimensions.Number]),
            ("experts", "a count (routed experts per MoE layer)", [Dimensions.Number]),
            ("experts_per_token", "a count (routed experts chosen per token)", [Dimensions.Number]),
            ("shared_experts", "a count (experts every token uses)", [Dimensions.Number]),
            ("moe_ffn", "a count (one expert's intermediate size)", [Dimensions.Number]),
            ("dense_layers", "a count (leading layers with a dense MLP in an MoE model)", [Dimensions.Number]),
            ("kv_lora_rank", "a count (multi-head latent attention: the compressed KV width)", [Dimensions.Number]),
            ("q_lora_rank", "a count (multi-head latent attention: the compressed query width)", [Dimensions.Number]),
            ("rope_head_dim", "a count (multi-head latent attention: the decoupled RoPE key width)", [Dimensions.Number]),
            ("nope_head_dim", "a count (multi-head latent attention: the per-head query/key width without RoPE)", [Dimensions.Number]),
            ("v_head_dim", "a count (the per-head value width where it is not head_dim)", [Dimensions.Number])),
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
