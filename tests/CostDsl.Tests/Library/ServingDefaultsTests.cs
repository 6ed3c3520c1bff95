using CostDsl.Diagnostics;
using CostDsl.Engine;
using CostDsl.Runtime;
using CostDsl.Tests.Support;
using Newtonsoft.Json.Linq;

namespace CostDsl.Tests.Library;

/// <summary>
/// The serving functions in one or two lines (issue 12): a left-out efficiency is one draw per spec, keyed by its
/// name, so every call that leaves it out sees the same sample; a given argument overrides it; the seed decides.
/// </summary>
public class ServingDefaultsTests
{
    private const string Calls = """
        import "std/models/llama.cost"
        import "std/models/mistral.cost"
        import "std/hardware/nvidia.cost"
        fn tpot_at(b) = tpot(Llama2_7B, H100_SXM, 1000 token, 200 token, b, 1, 2 B)
        output a     = tpot(Llama2_7B, H100_SXM, 1000 token, 200 token, 16, 1, 2 B) in ms
        output b     = tpot(Llama2_7B, H100_SXM, 1000 token, 200 token, 16, 1, 2 B) in ms
        output in_fn = tpot_at(16) in ms
        output given = tpot(Llama2_7B, H100_SXM, 1000 token, 200 token, 16, 1, 2 B, compute_share: 70%, memory_share: 80%) in ms
        """;

    [Test]
    public void TwoCallsThatLeaveTheEfficienciesOutSeeTheSameDraw()
    {
        var run = Run(Calls, seed: 1);
        var a = Samples(run, "a");
        Assert.That(a.Distinct().Count(), Is.GreaterThan(100), "the default efficiencies are uncertain, so TPOT has a spread");
        Assert.That(Samples(run, "b"), Is.EqualTo(a), "a second call at another place of the spec");
        Assert.That(Samples(run, "in_fn"), Is.EqualTo(a), "a call inside a user function");
    }

    [Test]
    public void ASharedDrawIsNamedForItsAssumptionNotForWhereItWasFirstDrawnSoLayoutDoesNotChangeTheSensitivity()
    {
        using var folder = new TempFolder();
        var tidy = folder.Write("tidy.cost", Calls + "\n");
        var moved = folder.Write("moved.cost", "# the same calls, two comment lines and a blank line lower\n#\n\n" + Calls.Replace("output a ", "# the first call\noutput a ", StringComparison.Ordinal) + "\n");
        var results = new[] { tidy, moved }.Select(path => CliRunner.Run("eval", path, "--sensitivity", "a", "--samples", "2000")).ToList();
        Assert.That(results.Select(r => r.ExitCode), Is.All.EqualTo(0), results[0].Error + results[1].Error);

        var sensitivities = results.Select(r => (JObject)JObject.Parse(r.Output)["sensitivity"]!).ToList();
        var names = ((JArray)sensitivities[0]["inputs"]!).Select(i => (string)i["name"]!).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(names, Does.Contain("serving.memory_share").And.Contain("serving.compute_share"));
            Assert.That(names, Has.None.Contains("line"), "a shared draw has no one place, so no line is named");
            Assert.That(JToken.DeepEquals(sensitivities[0], sensitivities[1]), Is.True, "the same calls, laid out differently");
        });
    }

    [Test]
    public void AGivenEfficiencyOverridesTheDefault()
    {
        var run = Run(Calls, seed: 1);
        Assert.That(Samples(run, "given"), Is.Not.EqualTo(Samples(run, "a")));
    }

    [Test]
    public void TheSameSeedGivesTheSameNumbersAndAnotherSeedOthers()
    {
        var first = Samples(Run(Calls, seed: 7), "a");
        Assert.That(Samples(Run(Calls, seed: 7), "a"), Is.EqualTo(first));
        Assert.That(Samples(Run(Calls, seed: 8), "a"), Is.Not.EqualTo(first));
    }

    [Test]
    public void EightBitExpertsDequantisedAreSlowerInAComputeBoundPrefillAndDenseModelsAreNot()
    {
        // Mixtral 8x7B, fp8 weights, a prefill of 8 prompts of 2048 tokens on 2 H100: 2 * 12.9e9 * 16,384 / 2 = 211 TFLOP a device,
        // 90% of it in the experts, is compute-bound, so running the experts at the 16-bit rate (expert_dequant 100%) instead of the
        // fp8 rate makes the step about 1.8x longer; a dense model has no experts, so the share changes nothing.
        const string Shares = "compute_share: 80%, memory_share: 80%, link_share: 60%, collective_latency: 10 us, layer_overhead: 100 us, kv_reread: 10%";
        var run = Spec.Clean($"""
            import "std/models/llama.cost"
            import "std/models/mistral.cost"
            import "std/hardware/nvidia.cost"
            output fp8_experts = ttft(Mixtral_8x7B, H100_SXM, 2048 token, 8, 2, 1 B, {Shares}, expert_dequant: 0%) in ms
            output dequantised = ttft(Mixtral_8x7B, H100_SXM, 2048 token, 8, 2, 1 B, {Shares}, expert_dequant: 100%) in ms
            output dense_fp8   = ttft(Llama2_13B, H100_SXM, 2048 token, 8, 2, 1 B, {Shares}, expert_dequant: 0%) in ms
            output dense_deq   = ttft(Llama2_13B, H100_SXM, 2048 token, 8, 2, 1 B, {Shares}, expert_dequant: 100%) in ms
            """);
        Assert.That(run.Output("dequantised").Value, Is.GreaterThan(run.Output("fp8_experts").Value * 1.3));
        Assert.That(run.Output("dense_deq").Value, Is.EqualTo(run.Output("dense_fp8").Value));
    }

    [Test]
    public void GroupedExpertGemmsBelowTheDenseRateSlowAComputeBoundMixturePrefillAndNotADenseModel()
    {
        // Mixtral 8x7B, 16-bit weights, a prefill of 8 prompts of 2048 tokens on 2 H100 is compute-bound with about 90% of its
        // FLOPs in the routed experts, so experts at half the dense rate (expert_gemm_share 50%) make it about 1.8x longer;
        // a dense model has no experts, so the share changes nothing.
        const string Shares = "compute_share: 80%, memory_share: 80%, link_share: 60%, collective_latency: 10 us, layer_overhead: 100 us, kv_reread: 10%, expert_dequant: 0%";
        var run = Spec.Clean($"""
            import "std/models/llama.cost"
            import "std/models/mistral.cost"
            import "std/hardware/nvidia.cost"
            output dense_rate = ttft(Mixtral_8x7B, H100_SXM, 2048 token, 8, 2, 2 B, {Shares}, expert_gemm_share: 100%) in ms
            output half_rate  = ttft(Mixtral_8x7B, H100_SXM, 2048 token, 8, 2, 2 B, {Shares}, expert_gemm_share: 50%) in ms
            output dense_full = ttft(Llama2_13B, H100_SXM, 2048 token, 8, 2, 2 B, {Shares}, expert_gemm_share: 100%) in ms
            output dense_half = ttft(Llama2_13B, H100_SXM, 2048 token, 8, 2, 2 B, {Shares}, expert_gemm_share: 50%) in ms
            """);
        Assert.That(run.Output("half_rate").Value, Is.GreaterThan(run.Output("dense_rate").Value * 1.6));
        Assert.That(run.Output("dense_half").Value, Is.EqualTo(run.Output("dense_full").Value));
    }

    [Test]
    public void ReplicasForALoadAreTheLoadOverTheRateOfTheLargestBatchWithinTheTarget()
    {
        // The same shared draw in every call, so replicas_for_load equals, sample by sample, what a user writes by hand.
        var run = Run("""
            import "std/models/llama.cost"
            import "std/hardware/nvidia.cost"
            let b = max_batch_for_tpot(Llama3_70B, H100_SXM, 1500 token, 300 token, 50 ms, 4, 2 B)
            output by_hand  = ceil(20 / s * 300 token / serving_tokens_per_s(Llama3_70B, H100_SXM, 1500 token, 300 token, b, 4, 2 B))
            output replicas = replicas_for_load(Llama3_70B, H100_SXM, 1500 token, 300 token, 50 ms, 20 / s, 4, 2 B)
            """, seed: 1);
        var replicas = Samples(run, "replicas");
        Assert.That(replicas, Is.EqualTo(Samples(run, "by_hand")));
        Assert.That(replicas.Min(), Is.GreaterThanOrEqualTo(1));
    }

    [Test]
    public void NoReplicasCanMeetATargetThatOneStreamMisses()
    {
        var run = Run("""
            import "std/models/llama.cost"
            import "std/hardware/nvidia.cost"
            output replicas = replicas_for_load(Llama3_70B, H100_SXM, 1500 token, 300 token, 1 ms, 20 / s, 4, 2 B)
            """, seed: 1);
        Assert.That(run.Diagnostics.Select(d => d.Message), Has.Some.Contains("not even one stream meets the TPOT target of 1 ms"));
        Assert.That(run.Evaluation?.Outputs.Any(o => o.Name == "replicas") ?? false, Is.False, "no made-up number");
    }

    private static RunResult Run(string text, int seed) => Spec.Run(text, new EvaluationOptions { Samples = 500, Seed = seed });

    private static double[] Samples(RunResult run, string name)
    {
        Assert.That(run.Diagnostics, Is.Empty, () => DiagnosticRenderer.RenderAll(run.Diagnostics));
        var magnitude = ((Quantity)run.Evaluation!.Outputs.Single(o => o.Name == name).Value).Magnitude;
        return [.. Enumerable.Range(0, magnitude.Count).Select(magnitude.At)];
    }
}
