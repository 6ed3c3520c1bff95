using CostDsl.Estimation.Training;

namespace CostDsl.Tests.Estimation.Training;

/// <summary>The training model's published anchors (the issue's must-hold figures) and its physical directions.</summary>
public class TrainingModelTests
{
    /// <summary>GPT-3 175B as Narayanan et al. 2021 Table 1 and Korthikanti et al. 2022 Table 3 describe it.</summary>
    private static readonly TransformerShape Gpt3 = Gpt(layers: 96, width: 12288, heads: 96);

    private static readonly TrainingDevice A100 = new("A100_80GB", 312e12, 80e9, 2039e9, 300e9, 25e9, 8, 312e12);

    private static TransformerShape Gpt(double layers, double width, double heads) =>
        new(layers, width, heads, heads, width / heads, 4 * width, 2, 51200, TiedEmbeddings: true);

    [TestCase(0, 120e9)]
    [TestCase(1, 31.4e9)]
    [TestCase(2, 16.6e9)]
    [TestCase(3, 1.9e9)]
    public void ZeroStagesMatchRajbhandari(int stage, double bytes)
    {
        // ZeRO paper, Figure 1: 7.5B parameters, 64 data-parallel GPUs, K = 12. The figure prints one decimal, and its
        // 1.9 GB for stage 3 is 16 * 7.5e9 / 64 = 1.875 GB rounded, 1.3% away: that row is checked at the printed precision.
        var total = ModelStates.Of(7.5e9, stage, 64).Total;
        Assert.That(Math.Round(total / 1e9, 1), Is.EqualTo(bytes / 1e9));
        Assert.That(total, Is.EqualTo(stage == 3 ? 1.875e9 : bytes).Within(1).Percent);
    }

    [Test]
    public void ActivationsPerLayerMatchKorthikantiForGpt3()
    {
        // Korthikanti et al. 2022, section 4.1: s b h (34 + 5 a s / h) = 2.869 GB for s = 2048, b = 1, no TP, no recomputation.
        var layout = new ParallelLayout(Tp: 1, Pp: 1, Dp: 1, MicroBatch: 1, Recompute.None);
        Assert.That(ActivationMemory.PerLayer(Gpt3, layout, 2048, moeLayer: false), Is.EqualTo(2.869e9).Within(0.05).Percent);
    }

    [Test]
    public void ActivationsFollowKorthikantiUnderTensorAndSequenceParallelism()
    {
        double sbh = 2048 * 12288, scores = 5 * 96 * 2048.0 / 12288;
        var tp = new ParallelLayout(8, 1, 1, 1, Recompute.None);
        Assert.That(ActivationMemory.PerLayer(Gpt3, tp, 2048, false), Is.EqualTo(sbh * (10 + (24.0 / 8) + (scores / 8))).Within(1e-9).Percent);
        var sp = tp with { SequenceParallel = true, Recompute = Recompute.Selective };
        Assert.That(ActivationMemory.KeptPerLayer(Gpt3, sp, 2048, false), Is.EqualTo(sbh * 34 / 8).Within(1e-9).Percent);
        Assert.That(ActivationMemory.KeptPerLayer(Gpt3, sp with { Recompute = Recompute.Full }, 2048, false), Is.EqualTo(2 * sbh / 8).Within(1e-9).Percent);
        Assert.That(ActivationMemory.PerLayer(Gpt3, tp with { FlashAttention = true }, 2048, false), Is.EqualTo(sbh * (10 + (24.0 / 8))).Within(1e-9).Percent);
    }

    [TestCase(1.7, 24, 2304, 24, 512)]
    [TestCase(175, 96, 12288, 96, 1536)]
    [TestCase(1008, 128, 25600, 160, 3072)]
    public void StepFlopsEqualNarayananEquation3(double billions, double l, double h, double a, double batch)
    {
        const double s = 2048, v = 51200;
        var shape = Gpt(l, h, a);
        var eq3 = 96 * batch * s * l * h * h * (1 + (s / (6 * h)) + (v / (16 * l * h)));
        var model = 72 * batch * s * l * h * h * (1 + (s / (6 * h)) + (v / (12 * l * h)));
        Assert.That(StepFlops.Hardware(shape, batch, s, Recompute.Full), Is.EqualTo(eq3).Within(0.1).Percent, $"{billions}B");
        Assert.That(StepFlops.Model(shape, batch, s), Is.EqualTo(model).Within(0.1).Percent, $"{billions}B");
        Assert.That(StepFlops.Hardware(shape, batch, s, Recompute.None), Is.EqualTo(model).Within(1e-9).Percent);
    }

    [Test]
    public void GroupedQueryAttentionAndGatedMlpChangeTheCountAsTheirWeights()
    {
        var mha = new TransformerShape(32, 4096, 32, 32, 128, 14336, 3, 128256, false);
        var gqa = mha with { KvHeads = 8 };
        // K and V shrink from 2 * 4096^2 to 2 * 4096 * 1024 per layer: 2 FLOPs a weight, 3 passes.
        var saved = 3 * 2 * 32 * 2 * 4096 * (4096 - 1024.0);
        Assert.That(StepFlops.Model(mha, 1, 8192) - StepFlops.Model(gqa, 1, 8192), Is.EqualTo(saved * 8192).Within(1e-9).Percent);
        Assert.That(StepFlops.Model(mha with { MlpMatrices = 2 }, 1, 8192), Is.LessThan(StepFlops.Model(mha, 1, 8192)));
    }

    [Test]
    public void MixtureOfExpertsComputesWithTheActiveExpertsAndStoresThemAll()
    {
        var moe = new TransformerShape(32, 4096, 32, 8, 128, 0, 3, 32000, false, Experts: 8, ExpertsPerToken: 2, MoeFfn: 14336);
        var dense2 = moe with { Experts = 0, ExpertsPerToken = 0, MoeFfn = 0, Ffn = 2 * 14336 };
        // Two experts of 14336 do the work of one dense MLP of 28672, plus the router (2 * d_model * experts a token).
        var router = 3 * 2 * 4096 * 8 * 32.0;
        Assert.That(StepFlops.Model(moe, 1, 4096) - StepFlops.Model(dense2, 1, 4096), Is.EqualTo(router * 4096).Within(1e-9).Percent);
        Assert.That(moe.StoredParams, Is.EqualTo(46.7e9).Within(1).Percent, "Mixtral 8x7B stores 46.7B parameters");
    }

    [Test]
    public void MoreMicroBatchesNeverIncreaseTheBubble()
    {
        var previousFraction = double.MaxValue;
        var previousShare = double.MaxValue;
        foreach (var microBatches in new[] { 1, 2, 3, 4, 8, 16, 24, 64, 128 })
        {
            var fraction = StepTime.BubbleFraction(8, 1, microBatches);
            var run = new TrainingRun(Gpt3, new ParallelLayout(8, 8, 1, 1, Recompute.Full), A100, 64, microBatches, 2048);
            var time = TrainingEstimate.Of(run, EfficiencyAssumptions.Median).Time;
            var share = time.PipelineBubble / time.Total;
            Assert.That(fraction, Is.LessThanOrEqualTo(previousFraction));
            Assert.That(share, Is.LessThanOrEqualTo(previousShare));
            previousFraction = fraction;
            previousShare = share;
        }

        Assert.That(StepTime.BubbleFraction(8, 3, 64), Is.EqualTo(7.0 / (3 * 64)).Within(1e-12));
    }

    [TestCase(8, 8, 2, 1, "128 GPUs, but the run has 64")]
    [TestCase(8, 4, 1, 1, "32 GPUs, but the run has 64")]
    [TestCase(4, 4, 2, 4, "128 GPUs, but the run has 64")]
    public void DegreesThatDoNotMultiplyToTheGpusAreAProblem(int tp, int pp, int dp, int cp, string expected)
    {
        var run = new TrainingRun(Gpt3, new ParallelLayout(tp, pp, dp, 1, Recompute.Full, Cp: cp), A100, 64, 64, 2048);
        Assert.That(run.LayoutProblem(), Does.Contain(expected));
    }

    [Test]
    public void ARunBeyondOneNodeNeedsANetwork()
    {
        var run = new TrainingRun(Gpt3, new ParallelLayout(8, 8, 1, 1, Recompute.Full), A100 with { NetworkBandwidth = 0 }, 64, 64, 2048);
        Assert.That(run.LayoutProblem(), Does.Contain("no scale-out network bandwidth"));
    }

    [Test]
    public void ARunThatDoesNotFitSaysBothSides()
    {
        // GPT-3 on one node without recomputation or pipeline: 175B of states alone is 2.8 TB.
        var run = new TrainingRun(Gpt3, new ParallelLayout(8, 1, 1, 1, Recompute.None), A100, 8, 8, 2048);
        Assert.That(run.LayoutProblem(), Is.Null);
        var estimate = TrainingEstimate.Of(run, EfficiencyAssumptions.Median);
        Assert.That(estimate.Fits, Is.False);
        Assert.That(estimate.MemoryProblem(), Does.Match(@"needs [\d.]+ GB per GPU \(weights .*\), but A100_80GB has 80 GB"));
    }

    [Test]
    public void RecomputationTradesMemoryForTime()
    {
        var layout = new ParallelLayout(8, 8, 1, 1, Recompute.None, SequenceParallel: true);
        TrainingEstimate Estimate(Recompute r) => TrainingEstimate.Of(new TrainingRun(Gpt3, layout with { Recompute = r }, A100, 64, 64, 2048), EfficiencyAssumptions.Median);
        var (none, selective, full) = (Estimate(Recompute.None), Estimate(Recompute.Selective), Estimate(Recompute.Full));
        Assert.That(full.Memory.Activations, Is.LessThan(selective.Memory.Activations));
        Assert.That(selective.Memory.Activations, Is.LessThan(none.Memory.Activations));
        Assert.That(full.StepSeconds, Is.GreaterThan(selective.StepSeconds));
        Assert.That(full.Mfu, Is.LessThan(full.Hfu));
    }

    [Test]
    public void ARunWithoutDropoutKeepsNoMasks()
    {
        // Korthikanti's 34 s b h holds two 1-byte dropout masks per s b h; Llama and Nemotron-4 train with dropout 0.
        var layout = new ParallelLayout(1, 1, 1, 1, Recompute.None, FlashAttention: true);
        double sbh = 2048 * 12288;
        Assert.That(ActivationMemory.PerLayer(Gpt3, layout, 2048, false), Is.EqualTo(sbh * 34).Within(1e-9).Percent);
        Assert.That(ActivationMemory.PerLayer(Gpt3, layout with { Dropout = false }, 2048, false), Is.EqualTo(sbh * 32).Within(1e-9).Percent);
    }

    [Test]
    public void Fp8GemmsRunAtTheirOwnShareAndAttentionAndLogitsStayAt16Bits()
    {
        // H100 SXM: 1,979 TFLOP/s fp8 and 989.5 bf16 dense; one node, no communication, so the step is compute.
        var bf16 = new TrainingDevice("H100_SXM", 989.5e12, 80 * Math.Pow(2, 30), 3350e9, 450e9, 50e9, 8, 989.5e12);
        var fp8 = bf16 with { PeakFlops = 1979e12 };
        Assert.That((bf16.Fp8Gemms, fp8.Fp8Gemms), Is.EqualTo((false, true)));
        var layout = new ParallelLayout(1, 1, 8, 1, Recompute.None, Zero: 1).WithSoftware(true);
        var shape = Gpt(32, 4096, 32);
        TrainingEstimate Estimate(TrainingDevice device, EfficiencyAssumptions efficiency) =>
            TrainingEstimate.Of(new TrainingRun(shape, layout, device, 8, 64, 4096), efficiency);
        var median = EfficiencyAssumptions.Median;

        // fp8 is faster, but less than twice: the GEMMs reach a lower share of a peak twice as high, the rest is unchanged.
        var (slow, fast) = (Estimate(bf16, median).StepSeconds, Estimate(fp8, median).StepSeconds);
        Assert.That(fast, Is.LessThan(slow));
        Assert.That(slow / fast, Is.LessThan(2 * median.Fp8MatmulShare / median.MatmulShare));

        // The fp8 share moves an fp8 run only, and the 16-bit matmul share still moves it (attention and logits).
        var lowFp8 = median with { Fp8MatmulShare = median.Fp8MatmulShare / 2 };
        Assert.That(Estimate(bf16, lowFp8).StepSeconds, Is.EqualTo(slow));
        Assert.That(Estimate(fp8, lowFp8).StepSeconds, Is.GreaterThan(fast));
        Assert.That(Estimate(fp8, median with { MatmulShare = median.MatmulShare / 2 }).StepSeconds, Is.GreaterThan(fast));
    }

    [Test]
    public void OverlappedCommunicationLeavesTheExposedShare()
    {
        var layout = new ParallelLayout(8, 8, 1, 1, Recompute.Selective, SequenceParallel: true);
        TrainingEstimate Estimate(ParallelLayout l) => TrainingEstimate.Of(new TrainingRun(Gpt3, l, A100, 64, 64, 2048), EfficiencyAssumptions.Median);
        var (plain, overlapped) = (Estimate(layout), Estimate(layout with { OverlapComm = true }));
        var exposed = EfficiencyAssumptions.Median.ExposedCommShare;
        Assert.That(overlapped.Time.TensorParallel, Is.EqualTo(exposed * plain.Time.TensorParallel).Within(1e-9).Percent);
        Assert.That(overlapped.Time.PipelineSends, Is.EqualTo(exposed * plain.Time.PipelineSends).Within(1e-9).Percent);
        Assert.That(overlapped.Time.Compute, Is.EqualTo(plain.Time.Compute));
    }

    [Test]
    public void LatentAttentionCountsDeepSeekV3sWeightsFlopsAndActivations()
    {
        // DeepSeek-V3 config.json (rules/models/deepseek.cost): the training model reads it through the shared model shape.
        var fields = new Dictionary<string, double>
        {
            ["params"] = 671026404352,
            ["layers"] = 61,
            ["d_model"] = 7168,
            ["heads"] = 128,
            ["kv_heads"] = 128,
            ["head_dim"] = 192,
            ["v_head_dim"] = 128,
            ["vocab"] = 129280,
            ["tied_embeddings"] = 0,
            ["ffn"] = 18432,
            ["mlp_matrices"] = 3,
            ["experts"] = 256,
            ["experts_per_token"] = 8,
            ["shared_experts"] = 1,
            ["moe_ffn"] = 2048,
            ["dense_layers"] = 3,
            ["q_lora_rank"] = 1536,
            ["kv_lora_rank"] = 512,
            ["rope_head_dim"] = 64,
            ["nope_head_dim"] = 128,
        };
        var (model, problem) = CostDsl.Estimation.ModelShape.Read("DeepSeek_V3", f => fields.TryGetValue(f, out var v) ? v : null);
        Assert.That(problem, Is.Null);
        var (shape, shapeProblem) = TransformerShape.From(model!);
        Assert.That(shapeProblem, Is.Null);

        // DeepSeek-V3 report section 2.1.1: W_DQ 7168 x 1536 + W_UQ, W_QR 1536 x 128 x 192 + W_DKV, W_KR 7168 x 576
        // + W_UK, W_UV 512 x 128 x (128 + 128) + W_O 128 x 128 x 7168 = 187,105,280 a layer.
        Assert.That(shape!.AttentionParams, Is.EqualTo(187_105_280));

        // Every weight: 61 x 187,105,280 + 3 dense MLPs 3 x 7168 x 18432 + 58 MoE layers of 257 experts 3 x 7168 x 2048
        // and a 7168 x 256 router + 2 x 129280 x 7168 = 671,025,397,760, the config's count less its norms.
        Assert.That(shape.StoredParams, Is.EqualTo(671026404352.0).Within(0.001).Percent);

        // Scores: 2 x 128 x (192 + 128) per attended token and layer, not 4 x 128 x 192.
        Assert.That(StepFlops.AttentionScoresForwardPerToken(shape, 4096), Is.EqualTo(2 * 128 * (192 + 128) * 4096.0 * 61));

        // Kept per token in a dense layer without TP, flash, no dropout: 8 x 7168 of norms and inputs, Q and O input
        // 2 x (128 x 192 + 128 x 128), K and V 2 x 128 x (192 + 128), latents 2 x (1536 + 512 + 64) + 2 x (1536 + 512),
        // the gated MLP 6 x 18432.
        var layout = new ParallelLayout(1, 1, 1, 1, Recompute.None).WithSoftware(true);
        var perToken = (8 * 7168) + (2 * ((128 * 192) + (128 * 128))) + (2 * 128 * (192 + 128)) + (2 * (1536 + 512 + 64)) + (2 * (1536 + 512)) + (6 * 18432);
        Assert.That(ActivationMemory.PerLayer(shape, layout, 4096, moeLayer: false), Is.EqualTo(4096.0 * perToken).Within(1e-9).Percent);
    }
}
