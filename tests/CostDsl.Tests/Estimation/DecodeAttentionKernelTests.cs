using CostDsl.Estimation;
using CostDsl.Estimation.Serving;

namespace CostDsl.Tests.Estimation;

public class DecodeAttentionKernelTests
{
    // Llama 2 70B: 64 query heads, 8 KV heads, head dimension 128. Falcon-180B: 232 query heads, 8 KV heads, head dimension 64.
    private static readonly ModelShape Llama2_70B = Shape(("params", 68.977e9), ("layers", 80), ("d_model", 8192), ("heads", 64), ("kv_heads", 8), ("ffn", 28672), ("vocab", 32000));

    private static readonly ModelShape Falcon180B = Shape(("params", 180e9), ("layers", 80), ("d_model", 14848), ("heads", 232), ("kv_heads", 8), ("ffn", 59392), ("vocab", 65024));

    private static readonly ModelShape HeadDim256 = Shape(("params", 9e9), ("layers", 42), ("d_model", 3584), ("heads", 16), ("kv_heads", 8), ("head_dim", 256), ("ffn", 14336));

    private static readonly ModelShape Llama2_7B = Shape(("params", 6.74e9), ("layers", 32), ("d_model", 4096), ("heads", 32), ("kv_heads", 32), ("ffn", 11008));

    [TestCase("TensorRT-LLM 0.5.0, gptSessionBenchmark", "llama70", ExpectedResult = DecodeAttentionKernel.PerQueryHead)]
    [TestCase("TensorRT-LLM 0.6.1, gptSessionBenchmark (C++ runtime, static batching)", "llama70", ExpectedResult = DecodeAttentionKernel.PerQueryHead)]
    [TestCase("TensorRT-LLM 0.7a (preview), static batching", "llama70", ExpectedResult = DecodeAttentionKernel.Unstated)]
    [TestCase("TensorRT-LLM 0.8.0, gptSessionBenchmark", "llama70", ExpectedResult = DecodeAttentionKernel.Unstated)]
    [TestCase("TensorRT-LLM 0.9.0, gptSessionBenchmark", "llama70", ExpectedResult = DecodeAttentionKernel.Unstated)]
    [TestCase("TensorRT-LLM 0.9.0, gptSessionBenchmark", "falcon", ExpectedResult = DecodeAttentionKernel.PerQueryHead)]
    [TestCase("TensorRT-LLM v0.12.0, trtllm-bench", "falcon", ExpectedResult = DecodeAttentionKernel.Unstated)]
    [TestCase("vLLM 0.4.0", "falcon", ExpectedResult = DecodeAttentionKernel.Unstated)]
    [TestCase("TensorRT-LLM 0.9.0", "d256", ExpectedResult = DecodeAttentionKernel.Unstated)]
    [TestCase("TensorRT-LLM 0.5.0", "llama7", ExpectedResult = DecodeAttentionKernel.Unstated)]
    public DecodeAttentionKernel TheKernelFollowsTheEngineReleaseAndTheHeadShape(string framework, string model) =>
        DecodeAttentionKernels.For(framework, model switch { "llama70" => Llama2_70B, "falcon" => Falcon180B, "d256" => HeadDim256, _ => Llama2_7B });

    [Test]
    public void APerQueryHeadKernelReReadsTheL2MissesWhateverKvRereadSays()
    {
        // Falcon-180B on 4 devices: 58 query heads share the device's 2 KV heads, groups of 29, so 28 re-reads of each cached value.
        var unstated = Deployment(Falcon180B, DecodeAttentionKernel.Unstated);
        var perHead = unstated with { DecodeKernel = DecodeAttentionKernel.PerQueryHead };
        var e = ServingEfficiency.Ideal with { KvReread = 0.1, KvRereadPerHead = 0.5 };
        var grouped = ServingModel.Decode(unstated, 64, 2000);
        var ungrouped = ServingModel.Decode(perHead, 64, 2000);
        Assert.Multiple(() =>
        {
            Assert.That(unstated.QueryHeadsPerKvHead, Is.EqualTo(29));
            Assert.That(ungrouped.KvTraffic(e) - ungrouped.KvBytes, Is.EqualTo(0.5 * ungrouped.KvRereadBytes).Within(1e-9).Percent);
            Assert.That(grouped.KvTraffic(e) - grouped.KvBytes, Is.EqualTo(0.1 * grouped.KvRereadBytes).Within(1e-9).Percent);
            Assert.That(ungrouped.KvTraffic(e with { KvReread = 0.6 }), Is.EqualTo(ungrouped.KvTraffic(e)));
            Assert.That(ungrouped.Time(perHead, e), Is.GreaterThan(grouped.Time(unstated, e)));

            // prefill reads K and V from on-chip tiles whatever the decode kernel
            Assert.That(ServingModel.Prefill(perHead, 4, 2000).Time(perHead, e), Is.EqualTo(ServingModel.Prefill(unstated, 4, 2000).Time(unstated, e)));
        });
    }

    private static ServingDeployment Deployment(ModelShape model, DecodeAttentionKernel kernel) =>
        new(model, 4, 1, 1, 1, 2, 1979e12, 989.5e12, 4.8e12, 450e9, 141e9, kernel);

    private static ModelShape Shape(params (string Field, double Value)[] fields)
    {
        var (shape, problem) = ModelShape.Read("test", f => fields.Where(x => x.Field == f).Select(x => (double?)x.Value).FirstOrDefault());
        return shape ?? throw new InvalidOperationException(problem);
    }
}
