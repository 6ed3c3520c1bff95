namespace CostDsl.Tests.Library;

/// <summary>The figures issue 3 says must hold, each against the bundled catalogs.</summary>
public class MustHoldTests
{
    [Test]
    public void TrainingFlopsOfGpt3()
    {
        const string gpt3 = "import \"std/models/openai.cost\"";

        // 6 * 175e9 * 300e9 = 3.15e23 FLOP; / 8.64e19 FLOP per PFday = 3645.8 PFday
        Assert.Multiple(() =>
        {
            Assert.That(Library.Value("training_flops(GPT3_175B, 300e9 token)", "FLOP", gpt3), Is.EqualTo(3.15e23).Within(1e-9).Percent);
            Assert.That(Library.Value("training_flops(GPT3_175B, 300e9 token)", "PFday", gpt3), Is.EqualTo(3.15e23 / 8.64e19).Within(1e-9).Percent);
            Assert.That(Math.Round(Library.Value("training_flops(GPT3_175B, 300e9 token)", "PFday", gpt3)), Is.EqualTo(3646));
        });
    }

    [Test]
    public void KvCacheOfLlama2_70B() =>
        // 2 * 80 layers * 8 kv_heads * (8192 / 64 = 128) * 4096 tokens * 1 * 2 B = 1,342,177,280 B exactly
        Assert.That(
            Library.Value("kv_cache(Llama2_70B, 4096 token, 1, 2 B)", "B", "import \"std/models/llama.cost\""),
            Is.EqualTo(1_342_177_280));

    [Test]
    public void DecodeOfLlama2_7BOnA100IsAbout150TokensPerSecond() =>
        // 2039e9 B/s / (6.738e9 * 2 B = 13.476e9 B) = 151.3 token/s
        Assert.That(
            Library.Value("decode_tokens_per_s(Llama2_7B, A100_80GB, 1, 2 B)", "token/s", "import \"std/models/llama.cost\"\nimport \"std/hardware/nvidia.cost\""),
            Is.EqualTo(151.3).Within(0.1));
}
