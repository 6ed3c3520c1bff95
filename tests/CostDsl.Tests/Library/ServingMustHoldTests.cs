using CostDsl.Tests.Support;

namespace CostDsl.Tests.Library;

/// <summary>The figures issue 12 says must hold, each against the bundled catalogs: the reference value within 1%, or the diagnostic.</summary>
public class ServingMustHoldTests
{
    private const string Catalogs = "import \"std/models/llama.cost\"\nimport \"std/models/mistral.cost\"\nimport \"std/hardware/nvidia.cost\"\n";

    [Test]
    public void AttentionCountsBothMatmulsForLlama3_405BAt128K() =>
        // 2 * 405.85e9 + 4 * 126 layers * 131,072 * 16,384 = 1,894 GFLOP (Hoffmann et al. 2022, appendix F)
        Assert.That(Library.Value("inference_flops(Llama3_405B, 1 token, context: 131072 token)", "GFLOP", Catalogs), Is.EqualTo(1894).Within(1).Percent);

    [Test]
    public void PrefillReadsTheWeightsOnce() =>
        // compute 100 * 2 * 68.977e9 / (8 * 989.5e12 * 50%) = 3.49 ms, but 137.95e9 B / (8 * 3.35e12 B/s) = 5.15 ms
        Assert.That(
            Library.Value("prefill_seconds(Llama2_70B, 100 token, 8 * H100_SXM.fp16, 50%, bandwidth: 8 * H100_SXM.bandwidth, bytes: 2 B)", "ms", Catalogs),
            Is.EqualTo(5.15).Within(1).Percent);

    [Test]
    public void DecodeAtLargeBatchIsCappedByCompute() =>
        // 1024 * 2 * 70.55e9 FLOP / (4 * 1979e12 FLOP/s) = 18.25 ms a step, so 1024 / 18.25 ms = 56,100 token/s at 100% of the fp8 peak
        Assert.That(
            Library.Value("decode_tokens_per_s(Llama3_70B, H100_SXM, 1024, 1 B, devices: 4)", "token/s", Catalogs),
            Is.EqualTo(56_100).Within(1).Percent);

    [Test]
    public void Llama2_70BDoesNotFitOnOneT4()
    {
        var run = Spec.Run(Catalogs + "output x = decode_tokens_per_s(Llama2_70B, T4, 1, 2 B)");
        Assert.That(run.Diagnostics.Select(d => d.Code.Id), Is.EqualTo(new[] { "CD0405" }));
        Assert.That(run.Diagnostics[0].Message, Does.Contain("needs 137.95 GB").And.Contain("1 x T4 have 16 GB"));
    }

    [Test]
    public void TheSlidingWindowBoundsMistral7BsCache() =>
        // 2 * 32 layers * 8 kv_heads * 128 * 4096 window tokens * 2 B = 0.537 GB, not 4.29 GB for 32K tokens
        Assert.That(Library.Value("kv_cache(Mistral_7B, 32768 token, 1, 2 B)", "GB", Catalogs), Is.EqualTo(0.54).Within(1).Percent);

    [Test]
    public void Llama2_7BDecodesAt151TokensPerSecondOnA100AtFullBandwidth() =>
        // 2039e9 B/s / (6.738e9 * 2 B) = 151.3 token/s; compute at batch 1 takes 0.04 ms of the 6.6 ms step
        Assert.That(Library.Value("decode_tokens_per_s(Llama2_7B, A100_80GB, 1, 2 B, util: 100%)", "token/s", Catalogs), Is.EqualTo(151).Within(1).Percent);

    [Test]
    public void LatentAttentionCachesTheLatentAndTheRopeKey() =>
        // DeepSeek-V3: (512 + 64) * 61 layers * 1 B = 35,136 B per token
        Assert.That(
            Library.Value("kv_cache(DSV3, 1 token, 1, 1 B)", "B", "model DSV3 { params = 671e9; layers = 61; d_model = 7168; heads = 128; kv_lora_rank = 512; rope_head_dim = 64 }"),
            Is.EqualTo(35_136));
}
