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
        // inference_flops(M, 100 token) = 2.002e11 FLOP; * batch 2 / (100e12 FLOP/s * 50%) = 8.008e-3 s
        Assert.That(Library.Value("prefill_seconds(M, 100 token, G.bf16, 50%, 2)", "ms"), Is.EqualTo(8.008).Within(1e-9).Percent);

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
    public void DecodeNeedsBandwidth() =>
        Assert.That(Library.Codes("decode_tokens_per_s(M, H)", Library.TestModel + "hardware H { memory = 1 GB }"), Is.EqualTo(new[] { "CD0307" }));
}
