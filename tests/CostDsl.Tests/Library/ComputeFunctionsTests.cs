namespace CostDsl.Tests.Library;

public class ComputeFunctionsTests
{
    [Test]
    public void TrainingFlopsIsSixTimesParamsTimesTokens() =>
        // 6 * 1e9 * 1e6 = 6e15 FLOP
        Assert.That(Library.Value("training_flops(M, 1e6 token)", "FLOP"), Is.EqualTo(6e15).Within(1e-9).Percent);

    [Test]
    public void TrainingFlopsOfMixtureOfExpertsUsesActiveParams() =>
        // 6 * active 1e9 (not params 4e9) * 1e6 = 6e15 FLOP
        Assert.That(Library.Value("training_flops(MoE, 1e6 token)", "FLOP"), Is.EqualTo(6e15).Within(1e-9).Percent);

    [Test]
    public void InferenceFlopsAddsTheAttentionTerm() =>
        // per token 2 * 1e9 + 4 * 10 layers * 100 context * (10 heads * 100 head_dim) = 2e9 + 4e6 = 2.004e9; times 100 tokens = 2.004e11
        Assert.That(Library.Value("inference_flops(M, 100 token)", "FLOP"), Is.EqualTo(2.004e11).Within(1e-9).Percent);

    [Test]
    public void InferenceFlopsTakesAnExplicitContext() =>
        // per token 2e9 + 4 * 10 * 1000 context * 1000 = 2.04e9; times 100 tokens = 2.04e11
        Assert.That(Library.Value("inference_flops(M, 100 token, context: 1000 token)", "FLOP"), Is.EqualTo(2.04e11).Within(1e-9).Percent);

    [Test]
    public void InferenceFlopsCapsTheSpanAtTheSlidingWindow() =>
        // per token 2e9 + 4 * 10 * min(1000, 200 window) * 1000 = 2.008e9; times 100 tokens = 2.008e11
        Assert.That(
            Library.Value("inference_flops(Windowed, 100 token, context: 1000 token)", "FLOP", "model Windowed { params = 1e9; layers = 10; d_model = 1000; heads = 10; sliding_window = 200 token }"),
            Is.EqualTo(2.008e11).Within(1e-9).Percent);

    [Test]
    public void InferenceFlopsWithoutShapeIsTwoN() =>
        // 2 * 5e9 * 10 tokens = 1e11
        Assert.That(Library.Value("inference_flops(N, 10 token)", "FLOP", "model N { params = 5e9 }"), Is.EqualTo(1e11).Within(1e-9).Percent);

    [Test]
    public void SeedFlopsIsTheArticlesProduct() =>
        // 1050 * 1280 * 96 = 129,024,000 (the article prints 128,448,000: E1)
        Assert.That(Library.Value("seed_flops(1050 token, 1280, 96)", "FLOP"), Is.EqualTo(129_024_000).Within(1e-9).Percent);

    [Test]
    public void TrainingFlopsNeedsTokens() =>
        Assert.That(Library.Codes("training_flops(M, 1e6)"), Is.EqualTo(new[] { "CD0203" }));

    [Test]
    public void TrainingFlopsNeedsParams() =>
        Assert.That(Library.Codes("training_flops(N, 1 token)", "model N { layers = 2 }"), Is.EqualTo(new[] { "CD0307" }));
}
