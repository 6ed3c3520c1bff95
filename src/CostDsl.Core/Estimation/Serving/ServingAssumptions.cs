using CostDsl.Runtime;

namespace CostDsl.Estimation.Serving;

/// <summary>
/// The serving model's efficiency assumptions, few and physical (grammar/models.md). Their ranges were set
/// once, for all hardware, models and engines together, against examples/validation/dev/serving.json; no
/// factor is fitted per case, model or group. A spec overrides them per call.
/// Calibration (costdsl validate examples/validation/dev/serving.json): the medians sit where the dev set's
/// median error is near zero for both throughput and TTFT, and the intervals are as wide as needed for about
/// 80% of the dev measurements to fall inside, in round figures. The wide layer_overhead says honestly that
/// small steps (short prompts, batch 1) are the least certain part of the model.
/// </summary>
public sealed record ServingAssumptions(Assumption Compute, Assumption Memory, Assumption Link, Assumption CollectiveLatency, Assumption LayerOverhead)
{
    public static ServingAssumptions Default { get; } = new(
        new Assumption("compute_share", 0.40, 0.95, 1, "achieved share of the dense peak matmul rate in the compute precision"),
        new Assumption("memory_share", 0.55, 0.98, 1, "achieved share of the peak memory bandwidth"),
        new Assumption("link_share", 0.40, 0.85, 1, "achieved share of one direction of the scale-up link (half the vendor's bidirectional figure)"),
        new Assumption("collective_latency", 5e-6, 25e-6, double.PositiveInfinity, "fixed time of one tensor-parallel collective (s), whatever its size"),
        new Assumption("layer_overhead", 30e-6, 200e-6, double.PositiveInfinity, "fixed time of one layer in one step (s): a dozen dependent kernels each ramping up and draining"));

    public IEnumerable<Assumption> All => [Compute, Memory, Link, CollectiveLatency, LayerOverhead];

    /// <summary><paramref name="samples"/> draws of the efficiencies, each assumption from its own stream of <paramref name="random"/>.</summary>
    public ServingEfficiency[] Sample(int samples, Func<string, RandomSource> random)
    {
        var draws = All.Select(a =>
        {
            var values = new double[samples];
            a.Fill(random(a.Name), values);
            return values;
        }).ToArray();
        return [.. Enumerable.Range(0, samples).Select(i => new ServingEfficiency(draws[0][i], draws[1][i], draws[2][i], draws[3][i], draws[4][i]))];
    }
}
