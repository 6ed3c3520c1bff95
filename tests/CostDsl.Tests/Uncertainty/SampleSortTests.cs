using CostDsl.Output;
using CostDsl.Runtime;

namespace CostDsl.Tests.Uncertainty;

/// <summary>The radix sort behind every output's percentiles orders samples exactly as Array.Sort does, so no statistic changes.</summary>
public class SampleSortTests
{
    private static double[] Draws(int count, double low, double high, ulong seed)
    {
        var draws = new double[count];
        Distributions.FromInterval(low, high)(new RandomSource(seed), draws);
        return draws;
    }

    private static void AssertSortsLikeArraySort(double[] values)
    {
        var expected = (double[])values.Clone();
        Array.Sort(expected);
        SampleSort.Sort(values);
        Assert.That(values, Is.EqualTo(expected).AsCollection);
    }

    [Test]
    public void LognormalDrawsSortInNumericOrder() => AssertSortsLikeArraySort(Draws(100_000, 300, 2000, 7));

    [Test]
    public void NormalDrawsOfBothSignsSortInNumericOrder() => AssertSortsLikeArraySort(Draws(100_000, -5, 3, 11));

    [Test]
    public void ExtremeMagnitudesAndInfinitiesSortInNumericOrder()
    {
        double[] extremes = [double.MaxValue, -double.MaxValue, double.Epsilon, -double.Epsilon, 1e-300, -1e300, double.PositiveInfinity, double.NegativeInfinity, 1, -1, 0.5];
        var values = Draws(10_000, -1e6, 1e6, 3);
        for (var i = 0; i < extremes.Length; i++)
        {
            values[i * 97] = extremes[i];
        }

        AssertSortsLikeArraySort(values);
    }

    [Test]
    public void ManyEqualValuesSortInNumericOrder()
    {
        // Every key shares most digits: the passes over them are skipped, and the result must still come back in place.
        var values = Enumerable.Range(0, 50_000).Select(i => (double)(i % 3)).ToArray();
        AssertSortsLikeArraySort(values);
    }

    [Test]
    public void SamplesWithNaNAreSortedAsArraySortSortsThem()
    {
        var values = Draws(5_000, 1, 10, 5);
        values[17] = double.NaN;
        values[4000] = double.NaN;
        var expected = (double[])values.Clone();
        Array.Sort(expected);
        SampleSort.Sort(values);
        Assert.That(values.Select(BitConverter.DoubleToInt64Bits), Is.EqualTo(expected.Select(BitConverter.DoubleToInt64Bits)));
    }

    [Test]
    public void TheStatisticsOfAMillionSamplesAreThoseOfAComparisonSort()
    {
        var values = Draws(1_000_000, 2, 5, 1);
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        var stats = Statistics.Of(values);
        Assert.Multiple(() =>
        {
            Assert.That(stats.Mean, Is.EqualTo(Statistics.MeanOf(sorted)));
            Assert.That(stats.StandardDeviation, Is.EqualTo(Statistics.StandardDeviationOf(sorted)));
            Assert.That(stats.P5, Is.EqualTo(Statistics.Quantile(sorted, 0.05)));
            Assert.That(stats.P95, Is.EqualTo(Statistics.Quantile(sorted, 0.95)));
        });
    }
}
