using CostDsl.Diagnostics;
using CostDsl.Runtime;
using CostDsl.Semantics;
using CostDsl.Units;

namespace CostDsl.Functions;

/// <summary>ceil floor round abs sqrt ln log10 exp min max sum clamp ceil_to.</summary>
internal static class MathFunctions
{
    public static IEnumerable<BuiltinFunction> All =>
    [
        Rounding("ceil", "the smallest whole number not below x", Math.Ceiling),
        Rounding("floor", "the largest whole number not above x", Math.Floor),
        Rounding("round", "x rounded to the nearest whole number (halves away from zero)", x => Math.Round(x, MidpointRounding.AwayFromZero)),
        new BuiltinFunction
        {
            Name = "abs",
            KeepsWrittenUnit = true,
            Summary = "|x|, in the unit of x",
            Parameters = [new("x", "any quantity")],
            Result = ResultDimension.OfFirstArgument("the dimension of x"),
            Compute = (args, _) => args.Magnitude(0).Map(Math.Abs),
        },
        new BuiltinFunction
        {
            Name = "sqrt",
            Summary = "the square root of x; its dimension is halved (sqrt of m^2 is m), so every power in it must be even",
            Parameters = [new("x", "any quantity whose dimension has even powers")],
            Result = ResultDimension.SquareRootOfFirstArgument("the square root of the dimension of x"),
            Compute = (args, context) =>
            {
                var x = args.Magnitude(0);
                return x.Any(v => v < 0) ? throw context.Fail(Codes.DomainError, "sqrt of a negative number") : x.Map(Math.Sqrt);
            },
        },
        Transcendental("ln", "the natural logarithm of x (x > 0)", Math.Log, x => x <= 0, "ln of a number that is not positive"),
        Transcendental("log10", "the base-10 logarithm of x (x > 0)", Math.Log10, x => x <= 0, "log10 of a number that is not positive"),
        Transcendental("exp", "e raised to x", Math.Exp, _ => false, string.Empty),
        Aggregate("min", "the smallest of its arguments", values => values.Min()),
        Aggregate("max", "the largest of its arguments", values => values.Max()),
        Aggregate("sum", "the sum of its arguments", values => values.Sum()),
        new BuiltinFunction
        {
            Name = "clamp",
            KeepsWrittenUnit = true,
            Summary = "x held inside [low, high]: min(max(x, low), high), sample by sample (an uncertain utilisation kept within 0% to 100%, a batch within what fits). "
                + "low, high and x are in one dimension, and low <= high.",
            Source = "definition",
            Parameters = [new("x", "any quantity"), new("low", "the least value", SameDimensionAs: "x"), new("high", "the greatest value", SameDimensionAs: "x")],
            Result = ResultDimension.OfFirstArgument("the dimension of x"),
            Compute = (args, context) =>
            {
                var (low, high) = (args.Magnitude(1), args.Magnitude(2));
                return Magnitude.Zip(low, high, (l, h) => l <= h ? 0 : 1).Any(v => v > 0)
                    ? throw context.Fail(Codes.DomainError, "clamp needs low <= high")
                    : Magnitude.Zip(Magnitude.Zip(args.Magnitude(0), low, Math.Max), high, Math.Min);
            },
        },
        new BuiltinFunction
        {
            Name = "ceil_to",
            KeepsWrittenUnit = true,
            Summary = "x rounded up to a whole number of steps: ceil(x / step) * step, sample by sample (GPUs bought in nodes of 8: ceil_to(gpus, 8); "
                + "memory in 80 GB cards: ceil_to(need, 80 GB)). step is in the dimension of x, so the result does not depend on the unit either is written in; step > 0.",
            Source = "definition",
            Parameters = [new("x", "any quantity"), new("step", "the size of one step", SameDimensionAs: "x")],
            Result = ResultDimension.OfFirstArgument("the dimension of x"),
            Compute = (args, context) =>
            {
                var step = args.Magnitude(1);
                return step.Any(v => !(v > 0))
                    ? throw context.Fail(Codes.DomainError, "ceil_to needs a step above zero")
                    : Magnitude.Zip(args.Magnitude(0), step, CeilTo);
            },
        },
    ];

    /// <summary>
    /// A ratio within rounding error of a whole number counts as that number: 1.1 / 0.1 is 11.000000000000002
    /// in doubles, and must not round up to 12 steps. Adding +0 turns -0 into 0.
    /// </summary>
    private static double CeilTo(double x, double step)
    {
        var steps = x / step;
        var whole = Math.Round(steps);
        return (Math.Abs(steps - whole) <= 1e-9 * Math.Max(1, Math.Abs(whole)) ? whole : Math.Ceiling(steps)) * step + 0.0;
    }

    private static readonly ResultDimension PlainNumber = ResultDimension.Fixed(Dimensions.Number, "a plain number");

    private static BuiltinFunction Rounding(string name, string summary, Func<double, double> round) => new()
    {
        Name = name,
        KeepsWrittenUnit = true,
        Summary = $"{summary}. Only for plain numbers: rounding a quantity would depend on its unit, so divide by the unit first (ceil(x / GB)).",
        Parameters = [new("x", "a plain number", Dimensions.Number)],
        Result = PlainNumber,
        // Adding +0 turns ceil(-0.5) = -0 into 0: a count of GPUs is never printed as "-0".
        Compute = (args, _) => args.Magnitude(0).Map(x => round(x) + 0.0),
    };

    private static BuiltinFunction Transcendental(string name, string summary, Func<double, double> f, Func<double, bool> outside, string domainMessage) => new()
    {
        Name = name,
        Summary = $"{summary}. Only for plain numbers.",
        Parameters = [new("x", "a plain number", Dimensions.Number)],
        Result = PlainNumber,
        Compute = (args, context) =>
        {
            var x = args.Magnitude(0);
            return x.Any(outside) ? throw context.Fail(Codes.DomainError, domainMessage) : x.Map(f);
        },
    };

    /// <summary>Element-wise over samples: max(a, b) of two uncertain values is the max in each sample.</summary>
    private static BuiltinFunction Aggregate(string name, string summary, Func<IEnumerable<double>, double> combine) => new()
    {
        Name = name,
        KeepsWrittenUnit = true,
        Summary = $"{summary}; all in one dimension. Takes several arguments or one list: {name}(a, b, c) or {name}([a, b, c]).",
        Parameters = [new("x", "quantities of one dimension")],
        Variadic = true,
        Result = ResultDimension.OfFirstArgument("the dimension of the arguments"),
        Compute = (args, _) =>
        {
            var quantities = args.Cast<Quantity>().ToArray();
            var count = quantities.Max(q => q.Magnitude.Count);
            var exact = quantities.All(q => q.Magnitude.IsExact);
            var result = new double[count];
            var column = new double[quantities.Length];
            for (var i = 0; i < count; i++)
            {
                for (var j = 0; j < quantities.Length; j++)
                {
                    column[j] = quantities[j].Magnitude.At(i);
                }

                result[i] = combine(column);
            }

            return exact ? Magnitude.Exact(result[0]) : Magnitude.Sampled(result);
        },
    };
}
