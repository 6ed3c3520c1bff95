using CostDsl.Diagnostics;
using CostDsl.Runtime;
using CostDsl.Semantics;

namespace CostDsl.Functions;

/// <summary>How many devices a demand needs: devices_for.</summary>
internal static class DeviceFunctions
{
    public static IEnumerable<BuiltinFunction> All =>
    [
        new BuiltinFunction
        {
            Name = "devices_for",
            Summary = "Devices needed to meet a demand: demand / (capacity * util), a plain number, not rounded (wrap it in ceil for whole devices). "
                + "demand and capacity are in one dimension: a compute rate (needed FLOP/s against A100.int8, which names the precision), "
                + "memory (GB against H100_SXM.memory), bandwidth, or anything else a device supplies.",
            Source = "definition: each device supplies capacity * util of the demand",
            Parameters =
            [
                new("demand", "what the job needs (e.g. a FLOP/s rate, a memory size)"),
                new("capacity", "what one device supplies, in the dimension of demand (e.g. A100.bf16)", SameDimensionAs: "demand"),
                new("util", "share of capacity usable (e.g. 40% of peak FLOP/s, 90% of memory)", Dimensions.Number),
            ],
            Result = ResultDimension.Fixed(Dimensions.Number, "a plain number"),
            Compute = (args, context) =>
            {
                var supply = (Operand)ModelFields.Positive(args.Magnitude(1), "capacity", context) * ModelFields.Positive(args.Magnitude(2), "util", context);
                return ((Operand)args.Magnitude(0) / supply).Magnitude;
            },
        },
    ];
}
