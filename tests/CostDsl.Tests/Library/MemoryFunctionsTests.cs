using CostDsl.Tests.Support;

namespace CostDsl.Tests.Library;

public class MemoryFunctionsTests
{
    [Test]
    public void WeightsMemoryIsParamsTimesBytes() =>
        // 1e9 * 1 B = 1 GB
        Assert.That(Library.Value("weights_memory(M, 1 B)", "GB"), Is.EqualTo(1).Within(1e-9).Percent);

    [Test]
    public void WeightsMemoryFallsBackToTheModelsPrecision() =>
        // 1e9 * M.bytes_per_param 2 B = 2 GB
        Assert.That(Library.Value("weights_memory(M)", "GB"), Is.EqualTo(2).Within(1e-9).Percent);

    [Test]
    public void WeightsMemoryOfMixtureOfExpertsStoresEveryExpert() =>
        // params 4e9 (not active 1e9) * 2 B = 8 GB
        Assert.That(Library.Value("weights_memory(MoE, 2 B)", "GB"), Is.EqualTo(8).Within(1e-9).Percent);

    [Test]
    public void WeightsMemoryWithoutAnyPrecisionIsACheckError() =>
        Assert.That(Library.Codes("weights_memory(MoE)"), Is.EqualTo(new[] { "CD0307" }));

    [Test]
    public void KvCacheCountsKeyAndValuePerKvHead() =>
        // 2 * 10 layers * 2 kv_heads * head_dim (1000 / 10 = 100) * 1000 tokens * 4 batch * 2 B = 3.2e7 B
        Assert.That(Library.Value("kv_cache(M, 1000 token, 4, 2 B)", "B"), Is.EqualTo(3.2e7).Within(1e-9).Percent);

    [Test]
    public void KvCacheDefaultsToOneSequenceAndTheModelsPrecision() =>
        // 2 * 10 * 2 * 100 * 1000 * 1 * 2 B = 8e6 B
        Assert.That(Library.Value("kv_cache(M, 1000 token)", "B"), Is.EqualTo(8e6).Within(1e-9).Percent);

    [Test]
    public void KvCacheKvHeadsDefaultToHeads() =>
        // MoE has no kv_heads: 2 * 10 * 10 heads * 100 * 1000 * 1 * 2 B = 4e7 B
        Assert.That(Library.Value("kv_cache(MoE, 1000 token, bytes: 2 B)", "B"), Is.EqualTo(4e7).Within(1e-9).Percent);

    [Test]
    public void KvCacheHonoursAnExplicitHeadDim() =>
        // 2 * 1 layer * 1 kv head * head_dim 256 * 10 tokens * 1 * 2 B = 10,240 B
        Assert.That(
            Library.Value("kv_cache(N, 10 token, 1, 2 B)", "B", "model N { params = 1; layers = 1; d_model = 1024; heads = 8; kv_heads = 1; head_dim = 256 }"),
            Is.EqualTo(10_240).Within(1e-9).Percent);

    [Test]
    public void KvCacheNeedsTheShape() =>
        Assert.That(Library.Codes("kv_cache(N, 10 token, 1, 2 B)", "model N { params = 1; heads = 2 }"), Is.EqualTo(new[] { "CD0307", "CD0307" }));

    [Test]
    public void TrainingMemoryIsSixteenBytesPerParameter() =>
        // 16 B * 1e9 = 16 GB
        Assert.That(Library.Value("training_memory(M)", "GB"), Is.EqualTo(16).Within(1e-9).Percent);

    [Test]
    public void TrainingMemoryAddsActivationsForASequence() =>
        // states 16e9 B; activations 10 layers * 100 tokens * 2 batch * 1000 d_model * (34 + 5 * 10 heads * 100 / 1000 = 5) = 7.8e7 B
        Assert.That(Library.Value("training_memory(M, 100 token, 2)", "B"), Is.EqualTo(16e9 + 7.8e7).Within(1e-9).Percent);

    [Test]
    public void AMissingPrecisionSaysHowToGiveIt()
    {
        var error = Spec.Run("import \"std/models/llama.cost\"\nlet x = kv_cache(Llama3_70B, 100 token)").Single("CD0307");
        // kv_cache's own argument is `bytes`: advice naming `bytes_per_param:` would be an unknown argument here.
        Assert.That(error.Message, Does.Contain("`bytes: 2 B`").And.Contain("bytes_per_param = 2 B"));
    }
}
