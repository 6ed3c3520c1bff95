using CostDsl.Diagnostics;
using CostDsl.Hosting;
using CostDsl.Runtime;

namespace CostDsl.Examples.Host;

/// <summary>
/// A user's own service: it writes a spec from its inputs, has CostDsl evaluate it against the
/// bundled catalogs, and reads the outputs. It holds the shared evaluator and nothing else, so it
/// can serve many requests at once.
/// </summary>
public sealed class CapacityPlanner(ICostEvaluator evaluator)
{
    public async Task<CapacityPlan> PlanAsync(int users, CancellationToken cancellation = default)
    {
        var spec = $$"""
            import "std/hardware/nvidia.cost"
            import "std/models/llama.cost"

            workload chat { users = {{users}}; interval = 3 s; input = 50 token; output = 1000 token }

            let rps    = chat.users / chat.interval
            let gpus   = ceil(rps * inference_flops(Llama2_7B, chat.input + chat.output) / (A100.int8 * 40%))
            let budget = gpus * A100.price
            output gpus
            output budget in USD
            assert budget < 1e6 USD "stays inside the pilot budget"
            """;
        var result = await evaluator.EvaluateAsync(SpecSource.FromText(spec, $"chat-{users}.cost"), cancellation: cancellation);

        // A failed assert is an answer (over budget), not a problem with the spec.
        var problems = result.Run.Diagnostics.Where(d => d.Code != Codes.AssertFailed).Select(d => d.ToString()).ToList();
        var outputs = result.Run.Evaluation?.Outputs ?? [];
        double Read(string name) => outputs.FirstOrDefault(o => o.Name == name) is { Value: Quantity q } output ? q.Magnitude.Value / output.Scale : double.NaN;
        var withinBudget = result.Run.Evaluation?.Asserts.All(a => a.Passed) ?? false;
        return new CapacityPlan(users, Read("gpus"), Read("budget"), withinBudget, problems);
    }
}
