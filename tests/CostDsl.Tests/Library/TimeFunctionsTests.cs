namespace CostDsl.Tests.Library;

public class TimeFunctionsTests
{
    [Test]
    public void TrainingDaysDividesWorkBySustainedRate() =>
        // 8.64e19 FLOP / (100e12 FLOP/s * 10 devices * 50%) = 172,800 s = 2 day
        Assert.That(Library.Value("training_days(8.64e19 FLOP, G.bf16, 10, 50%)", "day"), Is.EqualTo(2).Within(1e-9).Percent);

    [Test]
    public void TrainingDaysRejectsAZeroUtilisation() =>
        Assert.That(Library.Codes("training_days(1 FLOP, G.bf16, 1, 0)"), Is.EqualTo(new[] { "CD0405" }));

    [Test]
    public void PrefillSecondsIsComputeBound() =>
        // causal: mean span (100 + 1) / 2 = 50.5; per token 2e9 + 4 * 10 * 50.5 * 1000 = 2.00202e9, * 100 tokens = 2.00202e11 FLOP;
        // * batch 2 / (100e12 FLOP/s * 50%) = 8.00808e-3 s
        Assert.That(Library.Value("prefill_seconds(M, 100 token, G.bf16, 50%, 2)", "ms"), Is.EqualTo(8.00808).Within(1e-9).Percent);

    [Test]
    public void PrefillSecondsIsNeverBelowReadingTheWeights() =>
        // weights 1e9 * 2 B + KV 2 * 10 layers * 2 kv_heads * 100 * 100 tokens * 2 batch * 2 B (1.6e6) = 2.0016e9 B / 100e9 B/s = 20.016 ms > 8.008 ms of compute
        Assert.That(Library.Value("prefill_seconds(M, 100 token, G.bf16, 50%, 2, bandwidth: 100 GB/s)", "ms"), Is.EqualTo(20.016).Within(1e-9).Percent);

    [Test]
    public void DecodeReadsTheWeightsOncePerStep() =>
        // 1000e9 B/s / (1e9 * 2 B) = 500 token/s
        Assert.That(Library.Value("decode_tokens_per_s(M, G)", "token/s"), Is.EqualTo(500).Within(1e-9).Percent);

    [Test]
    public void DecodeBatchSharesTheWeights() =>
        // 4 * 1000e9 / (1e9 * 1 B) = 4000 token/s over the batch
        Assert.That(Library.Value("decode_tokens_per_s(M, G, 4, 1 B)", "token/s"), Is.EqualTo(4000).Within(1e-9).Percent);

    [Test]
    public void DecodeCountsTheKvCacheWhenTheContextIsGiven() =>
        // step bytes = weights 2e9 + kv_cache(M, 1000 token, 4, 2 B) 3.2e7 = 2.032e9 B
        // 4 * 1000e9 * 2 devices * 80% / 2.032e9 = 3149.606... token/s
        Assert.That(
            Library.Value("decode_tokens_per_s(M, G, 4, context: 1000 token, devices: 2, util: 80%)", "token/s"),
            Is.EqualTo(4 * 1000e9 * 2 * 0.8 / 2.032e9).Within(1e-9).Percent);

    [Test]
    public void DecodeAtLargeBatchIsComputeBound() =>
        // step: memory 2e9 B / 1000e9 B/s = 2 ms; compute 4096 * 2e9 FLOP / 100e12 FLOP/s = 81.92 ms; 4096 / 81.92 ms = 50,000 token/s
        Assert.That(Library.Value("decode_tokens_per_s(M, G, 4096)", "token/s"), Is.EqualTo(50_000).Within(1e-9).Percent);

    [Test]
    public void DecodeOfAModelThatDoesNotFitIsAnError() =>
        Assert.That(Library.Codes("decode_tokens_per_s(M, H)", Library.TestModel + "hardware H { memory = 1 GB; bandwidth = 1 GB/s; bf16 = 1 TFLOP/s }"), Is.EqualTo(new[] { "CD0405" }));

    [Test]
    public void DecodeNeedsBandwidth() =>
        Assert.That(Library.Codes("decode_tokens_per_s(M, H)", Library.TestModel + "hardware H { memory = 1 GB }"), Is.EqualTo(new[] { "CD0307" }));
}
