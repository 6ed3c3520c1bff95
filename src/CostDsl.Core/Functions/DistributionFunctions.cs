using CostDsl.Diagnostics;
using CostDsl.Runtime;
using CostDsl.Semantics;

namespace CostDsl.Functions;

/// <summary>normal, lognormal, uniform, triangular: uncertain values, in the unit of their parameters.</summary>
internal static class DistributionFunctions
{
    private const string Squiggle = "parameterised as in Squiggle (squiggle-language.com), in the unit of the arguments";

    public static IEnumerable<BuiltinFunction> All =>
    [
        Distribution(
            "normal",
            "A normal distribution with the given mean and standard deviation (sd >= 0): each sample is mean + sd * z, z standard normal (Box-Muller).",
            [new("mean", "the mean"), new("sd", "the standard deviation, in the unit of the mean", SameDimensionAs: "mean")],
            (values, context) => values[1] < 0 ? throw context.Fail(Codes.BadDistribution, "the sd of a normal cannot be negative") : Distributions.Normal(values[0], values[1])),
        Distribution(
            "lognormal",
            "A lognormal distribution with the given mean and standard deviation of the value itself (mean > 0, sd >= 0): "
                + "sigma^2 = ln(1 + sd^2/mean^2), mu = ln(mean) - sigma^2/2. For a 90% interval, write `a to b` instead.",
            [new("mean", "the mean, above zero"), new("sd", "the standard deviation, in the unit of the mean", SameDimensionAs: "mean")],
            (values, context) => values[0] <= 0 || values[1] < 0
                ? throw context.Fail(Codes.BadDistribution, "a lognormal needs mean > 0 and sd >= 0")
                : Distributions.LogNormalFromMoments(values[0], values[1])),
        Distribution(
            "uniform",
            "A uniform distribution between low and high (low < high): each sample is low + (high - low) * u, u uniform on [0, 1).",
            [new("low", "the lower bound"), new("high", "the upper bound, in the unit of low", SameDimensionAs: "low")],
            (values, context) => values[0] < values[1] ? Distributions.Uniform(values[0], values[1]) : throw context.Fail(Codes.BadDistribution, "uniform needs low < high")),
        Distribution(
            "triangular",
            "A triangular distribution on [low, high] with its peak at mode (low <= mode <= high, low < high), sampled by its inverse CDF: "
                + "low + sqrt(u * (high - low) * (mode - low)) below the mode, high - sqrt((1 - u) * (high - low) * (high - mode)) above.",
            [new("low", "the lower bound"), new("mode", "the most likely value", SameDimensionAs: "low"), new("high", "the upper bound", SameDimensionAs: "low")],
            (values, context) => values[0] <= values[1] && values[1] <= values[2] && values[0] < values[2]
                ? Distributions.Triangular(values[0], values[1], values[2])
                : throw context.Fail(Codes.BadDistribution, "triangular needs low <= mode <= high and low < high")),
    ];

    private static BuiltinFunction Distribution(string name, string summary, FunctionParameter[] parameters, Func<double[], ICallContext, Action<RandomSource, Span<double>>> sampler) => new()
    {
        Name = name,
        Summary = summary + " Its parameters must be exact; its samples are drawn from a seed tied to where the call is written.",
        Source = Squiggle,
        Parameters = [.. parameters],
        IsDistribution = true,
        Result = ResultDimension.OfFirstArgument("the dimension of the arguments"),
        Compute = (args, context) =>
        {
            var quantities = args.Cast<Quantity>().ToArray();
            if (quantities.Any(q => !q.Magnitude.IsExact))
            {
                throw context.Fail(Codes.BadDistribution, "the parameters of a distribution must be exact numbers, not uncertain ones");
            }

            var fill = sampler([.. quantities.Select(q => q.Magnitude.Value)], context);
            return context.Sample(fill);
        },
    };
}
