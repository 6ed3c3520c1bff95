using CostDsl.Estimation;
using CostDsl.Runtime;

namespace CostDsl.Validation;

/// <summary>
/// What an estimator may use: the device catalog and the Monte Carlo settings. Draws are seeded by the
/// run's seed, the case's id and the input's name only, so a case gives the same numbers wherever its
/// file lies and whichever other cases run with it.
/// </summary>
public sealed class EstimationContext(DeviceCatalog devices, int seed, int samples)
{
    public const int DefaultSamples = 2000;

    public DeviceCatalog Devices { get; } = devices;

    public int Seed { get; } = seed;

    public int Samples { get; } = samples > 0 ? samples : throw new ArgumentOutOfRangeException(nameof(samples), "at least one sample");

    /// <summary>A generator for one uncertain input (<paramref name="stream"/>) of one case.</summary>
    public RandomSource Random(string caseId, string stream) => new(SamplingKey.Of("validate " + caseId, stream).Seed(Seed));
}
