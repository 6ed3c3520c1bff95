using CostDsl.Runtime;

namespace CostDsl.Output;

/// <summary>
/// An output's value at one sweep point, as reported: exact (one number), or uncertain (its
/// statistics). A sampled value whose samples at that point are all equal is exact.
/// </summary>
public sealed record PointValue(double Value, Statistics? Statistics, double[]? Samples)
{
    public bool IsUncertain => Statistics is not null;

    /// <summary>The value in the display unit: <paramref name="scale"/> base units per display unit.</summary>
    public static PointValue Of(Magnitude magnitude, Layout layout, int point, double scale)
    {
        if (magnitude.IsExact)
        {
            return new PointValue(magnitude.Value / scale, null, null);
        }

        var slice = magnitude.Samples.Slice(point * layout.Samples, layout.Samples);
        var first = slice[0];
        if (!slice.ContainsAnyExcept(first))
        {
            return new PointValue(first / scale, null, null);
        }

        // A copy, sorted for the statistics; a large one gets huge pages (SampleArrays).
        var samples = SampleArrays.Uninitialized(slice.Length);
        slice.CopyTo(samples);

        // Base units shown as they are (scale 1) need no pass: x / 1 is x to the bit.
        if (scale != 1)
        {
            for (var i = 0; i < samples.Length; i++)
            {
                samples[i] /= scale;
            }
        }

        var statistics = Statistics.Of(samples);
        return new PointValue(statistics.Mean, statistics, samples);
    }
}
