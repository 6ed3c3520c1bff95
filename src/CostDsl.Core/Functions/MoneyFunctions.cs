using CostDsl.Runtime;
using CostDsl.Semantics;

namespace CostDsl.Functions;

/// <summary>What running and owning devices costs: energy_cost, amortized.</summary>
internal static class MoneyFunctions
{
    private static readonly Units.Dimension EnergyPrice = Dimensions.Money / Dimensions.Energy;

    public static IEnumerable<BuiltinFunction> All =>
    [
        new BuiltinFunction
        {
            Name = "energy_cost",
            Summary = "Electricity bill: power * duration * pue * price_per_kWh. power is the IT load (e.g. 8 * H100_SXM.power); "
                + "pue is the data centre's power usage effectiveness, total facility energy over IT energy (1 when the price already covers cooling).",
            Source = "The Green Grid 2007, \"The Green Grid Data Center Power Efficiency Metrics: PUE and DCiE\", White Paper 6 (PUE = total facility power / IT equipment power)",
            Parameters =
            [
                new("power", "average power drawn by the devices (e.g. 700 W)", Dimensions.Power),
                new("duration", "how long (e.g. 30 day)", Dimensions.Time),
                new("price_per_kWh", "price of energy (e.g. 0.1 USD/kWh)", EnergyPrice),
                new("pue", "power usage effectiveness, at least 1 (e.g. 1.2)", Dimensions.Number),
            ],
            Result = ResultDimension.Fixed(Dimensions.Money, "USD (money)"),
            Compute = (args, _) => ((Operand)args.Magnitude(0) * args.Magnitude(1) * args.Magnitude(2) * args.Magnitude(3)).Magnitude,
        },
        new BuiltinFunction
        {
            Name = "amortized",
            Summary = "A purchase spread evenly over its useful life: price / lifetime, money per time (show it with `in USD/h` or `in USD/month`). "
                + "Straight-line, no residual value and no interest.",
            Source = "straight-line depreciation: (cost - residual value) / useful life, with the residual value taken as zero",
            Parameters =
            [
                new("price", "what the device costs (e.g. A100.price)", Dimensions.Money),
                new("lifetime", "how long it is used (e.g. 4 year)", Dimensions.Time),
            ],
            Result = ResultDimension.Fixed(Dimensions.MoneyRate, "USD/s (money per time)"),
            Compute = (args, context) => ((Operand)args.Magnitude(0) / ModelFields.Positive(args.Magnitude(1), "lifetime", context)).Magnitude,
        },
    ];
}
