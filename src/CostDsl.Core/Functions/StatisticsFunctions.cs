using CostDsl.Diagnostics;
using CostDsl.Output;
using CostDsl.Runtime;
using CostDsl.Semantics;
using CostDsl.Units;

namespace CostDsl.Functions;

/// <summary>
/// mean, sd, percentile and P: they turn an uncertain value into an exact one (per sweep point), so
/// that asserts and outputs can say which statistic they mean.
/// </summary>
internal static class StatisticsFunctions
{
    public static IEnumerable<BuiltinFunction> All =>
    [
        new BuiltinFunction
        {
            Name = "mean",
            KeepsWrittenUnit = true,
            Summary = "With one argument, the mean of its samples, sum / n (an exact value; an exact argument is its own mean). "
                + "With several, their arithmetic mean, sample by sample: mean(a, b, c) or mean([a, b, c]); all in one dimension.",
            Source = "definition",
            Parameters = [new("x", "quantities of one dimension")],
            Variadic = true,
            Result = ResultDimension.OfFirstArgument("the dimension of the arguments"),
            Compute = (args, context) =>
            {
                var quantities = args.Cast<Quantity>().ToArray();
                if (quantities.Length == 1)
                {
                    return context.Layout.Reduce(quantities[0].Magnitude, Statistics.MeanOf);
                }

                var sum = quantities.Skip(1).Aggregate(quantities[0].Magnitude, (total, q) => Magnitude.Add(total, q.Magnitude));
                return Magnitude.Divide(sum, Magnitude.Exact(quantities.Length));
            },
        },
        new BuiltinFunction
        {
            Name = "sd",
            Summary = "The standard deviation of an uncertain value's samples, sqrt(sum((x - mean)^2) / (n - 1)) (0 for an exact value), in its unit.",
            Source = "definition (the sample standard deviation)",
            Parameters = [new("x", "any quantity")],
            Result = ResultDimension.OfFirstArgument("the dimension of x"),
            Compute = (args, context) =>
            {
                var x = args.Magnitude(0);
                return x.IsExact ? Magnitude.Exact(0) : context.Layout.Reduce(x, StandardDeviation);
            },
        },
        new BuiltinFunction
        {
            Name = "percentile",
            KeepsWrittenUnit = true,
            Summary = "The p-quantile of an uncertain value's samples (p from 0 to 1, e.g. 95%): with the samples sorted, the value at position p * (n - 1), "
                + "interpolating linearly between neighbours; an exact value is its own percentile.",
            Source = "Hyndman and Fan 1996, \"Sample Quantiles in Statistical Packages\", definition 7 (the default of R and NumPy)",
            Parameters = [new("x", "any quantity"), new("p", "the quantile, 0 to 1 (write 95%)", Dimensions.Number)],
            Result = ResultDimension.OfFirstArgument("the dimension of x"),
            Compute = (args, context) =>
            {
                var p = args.Magnitude(1);
                if (!p.IsExact || p.Value < 0 || p.Value > 1)
                {
                    throw context.Fail(Codes.DomainError, "p must be an exact number from 0 to 1 (write 95% for the 95th percentile)");
                }

                return context.Layout.Reduce(args.Magnitude(0), values => Quantile(values, p.Value));
            },
        },
        new BuiltinFunction
        {
            Name = "P",
            Summary = "The probability that a condition holds: P = (samples where it is true) / n (1 or 0 for an exact condition). Assert on it: assert P(cost > budget) < 5%.",
            Source = "definition (the Monte Carlo estimate of a probability)",
            Parameters = [new("condition", "a comparison", Condition: true)],
            Result = ResultDimension.Fixed(Dimensions.Number, "a plain number from 0 to 1"),
            Compute = (args, context) => context.Layout.Reduce(((Truth)args[0]).Magnitude, values => values.Average()),
        },
    ];

    private static double StandardDeviation(double[] values) => Statistics.StandardDeviationOf(values);

    private static double Quantile(double[] values, double p)
    {
        Array.Sort(values);
        return Statistics.Quantile(values, p);
    }
}
