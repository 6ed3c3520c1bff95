using CostDsl.Estimation;
using CostDsl.Estimation.Serving;
using CostDsl.Runtime;

namespace CostDsl.Tests.Estimation;

public class ServingModelTests
{
    private static readonly ModelShape Llama2_70B = Shape(("params", 68.977e9), ("layers", 80), ("d_model", 8192), ("heads", 64), ("kv_heads", 8), ("ffn", 28672), ("vocab", 32000));

    private static readonly ModelShape Mixtral = Shape(
        ("params", 46.703e9), ("layers", 32), ("d_model", 4096), ("heads", 32), ("kv_heads", 8), ("experts", 8), ("experts_per_token", 2), ("moe_ffn", 14336), ("vocab", 32000));

    [Test]
    public void AStepIsNeverFasterThanItsComputeOrItsMemoryTraffic()
    {
        // A property over random deployments, batches, contexts and efficiencies (fixed seed: the same cases every run).
        var random = new RandomSource(12);
        for (var n = 0; n < 2000; n++)
        {
            var model = random.NextDouble() < 0.5 ? Llama2_70B : Mixtral;
            var d = new ServingDeployment(
                model, Math.Pow(2, Math.Floor(random.NextDouble() * 4)), 1, 0.5 + (random.NextDouble() * 1.5), 1 + random.NextDouble(), 2,
                1e14 + (random.NextDouble() * 2e15), 1e14 + (random.NextDouble() * 1e15), 1e12 + (random.NextDouble() * 4e12), 1e11 + (random.NextDouble() * 5e11), 80e9);
            var e = new ServingEfficiency(0.1 + (random.NextDouble() * 0.9), 0.1 + (random.NextDouble() * 0.9), 0.1 + (random.NextDouble() * 0.9), random.NextDouble() * 3e-5, random.NextDouble() * 3e-4, random.NextDouble(), random.NextDouble(), 0.1 + (random.NextDouble() * 0.9));
            var batch = Math.Ceiling(random.NextDouble() * 1024);
            var context = Math.Ceiling(random.NextDouble() * 32768);
            foreach (var step in new[] { ServingModel.Prefill(d, batch, context), ServingModel.Decode(d, batch, context) })
            {
                var time = step.Time(d, e);
                Assert.That(time, Is.GreaterThanOrEqualTo(step.ComputeTime(d, e)).And.GreaterThanOrEqualTo(step.MemoryTime(d, e)));
            }
        }
    }

    [Test]
    public void AnIdealBatch1DecodeStepReadsTheWeightsAndCache()
    {
        // One device, 2-byte weights and cache, context 1000: weights 137.95 GB + KV 2*80*8*128*1001*2 B = 0.328 GB, plus activations.
        var d = Deployment(Llama2_70B, tp: 1, bytes: 2);
        var step = ServingModel.Decode(d, 1, 1000);
        Assert.Multiple(() =>
        {
            Assert.That(step.WeightBytes, Is.EqualTo(68.977e9 * 2).Within(1e-9).Percent);
            Assert.That(step.KvBytes, Is.EqualTo(2.0 * 80 * 8 * 128 * 1001 * 2).Within(1e-9).Percent);
            Assert.That(step.Time(d, ServingEfficiency.Ideal), Is.EqualTo(step.MemoryTime(d, ServingEfficiency.Ideal)).Within(1e-9).Percent);
        });
    }

    [Test]
    public void TensorParallelismSplitsWeightsAndAddsTwoAllReducesALayer()
    {
        var step = ServingModel.Decode(Deployment(Llama2_70B, tp: 4, bytes: 2), 8, 100);
        Assert.Multiple(() =>
        {
            Assert.That(step.WeightBytes, Is.EqualTo(68.977e9 * 2 / 4).Within(1e-9).Percent);
            Assert.That(step.Collectives, Is.EqualTo(160));
            // each all-reduce of 8 tokens * 8192 * 2 B sends 2 * 3/4 of it from each device
            Assert.That(step.LinkBytes, Is.EqualTo(160 * 8 * 8192 * 2 * 1.5).Within(1e-9).Percent);
        });
    }

    [Test]
    public void AMixtureOfExpertsReadsOnlyTheExpertsABatchTouches()
    {
        var expert = 3.0 * 4096 * 14336;
        var shared = 46.703e9 - (32 * 8 * expert);
        Assert.Multiple(() =>
        {
            // batch 1: 2 of 8 experts a layer; batch 4: 8 * (1 - (6/8)^4) = 5.47 experts
            Assert.That(Mixtral.WeightsTouched(1), Is.EqualTo(shared + (32 * 2 * expert)).Within(1e-9).Percent);
            Assert.That(Mixtral.WeightsTouched(4), Is.EqualTo(shared + (32 * 8 * (1 - Math.Pow(0.75, 4)) * expert)).Within(1e-9).Percent);
            Assert.That(Mixtral.WeightsTouched(4096), Is.EqualTo(46.703e9).Within(1e-6).Percent);
            Assert.That(Mixtral.ComputeParams, Is.EqualTo(12.88e9).Within(0.1).Percent);
        });
    }

    [Test]
    public void CausalPrefillAttendsToHalfThePromptOnAverage() =>
        // P(P+1)/2 token-spans: 4 * 64 * 128 * 80 * (2048 * 2049 / 2)
        Assert.That(Llama2_70B.CausalAttentionFlops(2048), Is.EqualTo(4.0 * 64 * 128 * 80 * (2048.0 * 2049 / 2)).Within(1e-9).Percent);

    [Test]
    public void TheCapacityIsTheBatchWhoseCacheFitsBesideTheWeights()
    {
        // 4 x 80 GB, 5% reserve: 76 GB - 34.49 GB of weights = 41.51 GB; KV per sequence of 4096 tokens on 4 devices: 2*80*8*128*4096*2/4 = 335.5 MB
        var d = Deployment(Llama2_70B, tp: 4, bytes: 2);
        Assert.That(ServingCapacity.MaxBatch(d, 4096), Is.EqualTo(Math.Floor(((80e9 * 0.95) - (68.977e9 * 2 / 4)) / (2.0 * 80 * 8 * 128 * 4096 * 2 / 4))));
    }

    [Test]
    public void GroupedQueryHeadsThatReReadTheCacheMoveMoreBytesOnlyInDecode()
    {
        // Llama 2 70B: 64 query heads share 8 KV heads, so each KV head serves a group of 8; at kv_reread 1 every query head
        // reads it, 8x the cache of a grouped kernel (the new token's write is not re-read).
        var d = Deployment(Llama2_70B, tp: 4, bytes: 2);
        var decode = ServingModel.Decode(d, 16, 1000);
        var once = ServingEfficiency.Ideal;
        var every = ServingEfficiency.Ideal with { KvReread = 1 };
        var cache = 16 * (2.0 * 80 * 8 * 128 * 1000 * 2 / 4);
        Assert.Multiple(() =>
        {
            Assert.That(decode.KvTraffic(once), Is.EqualTo(decode.KvBytes));
            Assert.That(decode.KvTraffic(every) - decode.KvTraffic(once), Is.EqualTo(7 * cache).Within(1e-9).Percent);
            Assert.That(decode.MemoryTime(d, every), Is.GreaterThan(decode.MemoryTime(d, once)));
            // prefill attention reads K and V from on-chip tiles (FlashAttention-style), so it has nothing to re-read
            Assert.That(ServingModel.Prefill(d, 16, 1000).KvRereadBytes, Is.Zero);
        });
    }

    [Test]
    public void MultiHeadAttentionHasNoGroupToReRead()
    {
        var mha = Shape(("params", 6.74e9), ("layers", 32), ("d_model", 4096), ("heads", 32), ("kv_heads", 32), ("ffn", 11008));
        var d = Deployment(mha, tp: 2, bytes: 2);
        Assert.That(ServingModel.Decode(d, 8, 500).KvRereadBytes, Is.Zero);
    }

    [Test]
    public void WhenTensorParallelismReplicatesKvHeadsAGroupIsTheDevicesQueryHeads()
    {
        // 64 query heads over 16 devices: 4 a device, sharing the one KV head each device holds
        var d = Deployment(Llama2_70B, tp: 16, bytes: 2);
        Assert.That(d.QueryHeadsPerKvHead, Is.EqualTo(4));
    }

    private static ServingDeployment Deployment(ModelShape model, double tp, double bytes) =>
        new(model, tp, 1, bytes, bytes, 2, 989.5e12, 989.5e12, 3.35e12, 450e9, 80e9);

    private static ModelShape Shape(params (string Field, double Value)[] fields)
    {
        var (shape, problem) = ModelShape.Read("test", f => fields.Where(x => x.Field == f).Select(x => (double?)x.Value).FirstOrDefault());
        return shape ?? throw new InvalidOperationException(problem);
    }
}
