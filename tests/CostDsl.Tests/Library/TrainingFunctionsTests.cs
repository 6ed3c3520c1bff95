using CostDsl.Runtime;
using CostDsl.Tests.Support;

namespace CostDsl.Tests.Library;

/// <summary>The parallelism-aware training functions as a spec calls them.</summary>
public class TrainingFunctionsTests
{
    /// <summary>GPT-3 175B (Narayanan Table 1 shape) and an 80 GB device with round figures.</summary>
    private const string Declarations =
        "model GPT { params = 175e9; layers = 96; d_model = 12288; heads = 96; ffn = 49152; mlp_matrices = 2; vocab = 51200; tied_embeddings = 1 }\n"
        + "hardware G { bf16 = 312 TFLOP/s; memory = 80 GB; bandwidth = 2000 GB/s; interconnect = 600 GB/s; network = 200 Gbit/s; gpus_per_node = 8; rent = 2 USD/h }\n";

    private const string Run = "GPT, G, 64, 64, 2048 token, tp: 8, pp: 8, recompute: 2, flash: 0";

    private const string Exact = ", matmul_share: 70%, memory_share: 50%, collective_share: 50%";

    [Test]
    public void StepTimeHasAnIntervalFromTheCalibratedShares()
    {
        var result = Spec.Clean($"{Declarations}output t = training_step_time({Run}) in s");
        var value = (Quantity)result.Evaluation!.Outputs.Single().Value;
        Assert.That(value.Magnitude.IsExact, Is.False);
        var sorted = value.Magnitude.Samples.ToArray().Order().ToArray();
        var (p5, p95) = (sorted[sorted.Length / 20], sorted[sorted.Length * 19 / 20]);
        Assert.That(p95 / p5, Is.GreaterThan(1.1).And.LessThan(2), "a real but bounded spread");

        // GPT-3 175B on 64 A100-class GPUs at TP 8, PP 8 with full recomputation took 18.1 s a step (Korthikanti et al. 2022, Table 5).
        Assert.That(value.Magnitude.Value, Is.EqualTo(18.1).Within(15).Percent);
    }

    [Test]
    public void GivenSharesMakeTheResultExactAndConsistentAcrossFunctions()
    {
        var result = Spec.Clean(Declarations
            + $"output t = training_step_time({Run}{Exact}) in s\n"
            + $"output tps = training_tokens_per_s({Run}{Exact}) in token/s\n"
            + $"output mfu = training_mfu({Run}{Exact})\n"
            + $"output hfu = training_hfu({Run}{Exact})\n"
            + $"output days = training_time(GPT, G, 300e9 token, 64, 64, 2048 token, tp: 8, pp: 8, recompute: 2, flash: 0{Exact}) in s\n"
            + $"output cost = training_cost(GPT, G, 300e9 token, 64, 64, 2048 token, tp: 8, pp: 8, recompute: 2, flash: 0{Exact}) in USD\n");
        var step = result.Output("t").Value;
        Assert.That(result.Output("tps").Value, Is.EqualTo(64 * 2048 / (step * 64)).Within(1e-9).Percent);
        Assert.That(result.Output("days").Value, Is.EqualTo(300e9 / (64 * 2048) * step).Within(1e-9).Percent);
        Assert.That(result.Output("cost").Value, Is.EqualTo(300e9 / (64 * 2048) * step * 64 * 2 / 3600).Within(1e-9).Percent);

        // Narayanan eq. 3 over the step time: HFU counts the recomputed forward pass, MFU does not (4/3 for large h).
        var eq3 = 96.0 * 64 * 2048 * 96 * 12288 * 12288 * (1 + (2048.0 / (6 * 12288)) + (51200.0 / (16 * 96 * 12288)));
        Assert.That(result.Output("hfu").Value, Is.EqualTo(eq3 / (step * 64 * 312e12)).Within(0.1).Percent);
        Assert.That(result.Output("hfu").Value / result.Output("mfu").Value, Is.EqualTo(4.0 / 3).Within(2).Percent);
    }

    [Test]
    public void DegreesThatDoNotMultiplyToTheGpusAreAnError()
    {
        var result = Spec.Run($"{Declarations}output t = training_step_time(GPT, G, 64, 64, 2048 token, tp: 8, pp: 8, dp: 3)");
        Assert.That(result.Single("CD0405").Message, Does.Contain("tp 8 x pp 8 x dp 3 x cp 1 = 192 GPUs, but the run has 64"));
        var uneven = Spec.Run($"{Declarations}output t = training_step_time(GPT, G, 60, 64, 2048 token, tp: 8, pp: 8)");
        Assert.That(uneven.Single("CD0405").Message, Does.Contain("GPUs, but the run has 60"));
    }

    [Test]
    public void ARunThatDoesNotFitIsAnErrorWithBothSides()
    {
        var result = Spec.Run($"{Declarations}output t = training_step_time(GPT, G, 8, 8, 2048 token, tp: 8)");
        var error = result.Single("CD0420");
        Assert.That(error.Message, Does.Match(@"does not fit: needs [\d.]+ GB per GPU \(weights [\d.]+ GB, gradients .*\), but G has 80 GB"));
        Assert.That(result.Evaluation?.Outputs ?? [], Is.Empty);
    }

    [Test]
    public void MemoryPartsAddUpAndShrinkWithParallelism()
    {
        const string layout = "GPT, 64, 64, 2048 token, tp: 8, pp: 8, recompute: 1, zero: 0";
        var result = Spec.Clean(Declarations
            + $"output total = training_memory_per_gpu({layout}) in GB\n"
            + $"output states = training_states_per_gpu({layout}) in GB\n"
            + $"output acts = training_activations_per_gpu({layout}) in GB\n"
            + "output wider = training_memory_per_gpu(GPT, 128, 128, 2048 token, tp: 8, pp: 16, recompute: 1, zero: 0) in GB\n");
        Assert.That(result.Output("states").Value + result.Output("acts").Value, Is.EqualTo(result.Output("total").Value).Within(1e-9).Percent);

        // 16 bytes for each of this GPU's parameters: 12 of 96 layers (12 * 12 h^2) plus the embedding, split 8 ways.
        var perGpu = ((12 * 12.0 * 12288 * 12288) + (51200.0 * 12288)) / 8;
        Assert.That(result.Output("states").Value, Is.EqualTo(16 * perGpu / 1e9).Within(0.1).Percent);
        Assert.That(result.Output("wider").Value, Is.LessThan(result.Output("total").Value));
    }

    [Test]
    public void ALayoutCanBeSwept()
    {
        var result = Spec.Clean($"{Declarations}let tp = 8\nsweep tp in [2, 4, 8]\noutput m = training_memory_per_gpu(GPT, 64, 64, 2048 token, tp: tp, pp: 64 / tp, recompute: 2) in GB");
        var m = (Quantity)result.Evaluation!.Outputs.Single().Value;
        Assert.That(m.Magnitude.Count, Is.EqualTo(3));
        Assert.That(m.Magnitude.At(0), Is.Not.EqualTo(m.Magnitude.At(2)));
    }

    [TestCase("recompute: 3", "recompute is 0 none")]
    [TestCase("tp: 1.5", "tp must be a whole number")]
    [TestCase("matmul_share: 120%", "matmul_share must be above 0% and at most 100%")]
    public void BadOptionsAreErrorsAtTheCall(string option, string message)
    {
        var result = Spec.Run($"{Declarations}output t = training_step_time(GPT, G, 64, 64, 2048 token, pp: 8, {option})");
        Assert.That(result.Single("CD0405").Message, Does.Contain(message));
    }

    [Test]
    public void AModelWithoutItsShapeIsACheckError()
    {
        var result = Spec.Run($"{Declarations}model Bare {{ params = 1e9 }}\noutput t = training_step_time(Bare, G, 8, 8, 2048 token)");
        Assert.That(result.Diagnostics.Select(d => d.Code.Id), Does.Contain("CD0307"));
    }
}
