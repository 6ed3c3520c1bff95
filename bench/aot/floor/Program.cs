using System.Globalization;
using CostDsl.Runtime;

// The same chain as src/CostDsl.Benchmarks/MonteCarloBenchmarks.HandWrittenLoop: the three inputs drawn
// with CostDsl's own sampler, then one fused loop. Prints the mean so the work cannot be skipped.
const int Samples = 1_000_000;
var interval = Draw(Distributions.FromInterval(2, 5), 1);
var output = Draw(Distributions.FromInterval(300, 2000), 2);
var util = Draw(Distributions.FromInterval(0.25, 0.55), 3);
var sum = 0.0;
for (var i = 0; i < Samples; i++)
{
    sum += 2 * 6.2e9 * (50 + output[i]) * (1000 / interval[i]) / (624e12 * util[i]) / (1 - 0.20);
}

Console.WriteLine((sum / Samples).ToString(CultureInfo.InvariantCulture));

static double[] Draw(Action<RandomSource, Span<double>> fill, ulong seed)
{
    var draws = new double[Samples];
    fill(new RandomSource(seed), draws);
    return draws;
}
