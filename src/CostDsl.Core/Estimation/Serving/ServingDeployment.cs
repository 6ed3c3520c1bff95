namespace CostDsl.Estimation.Serving;

/// <summary>
/// One serving replica: a model on <see cref="Tp"/> devices in tensor parallel (experts over <see cref="Ep"/>
/// of them), with its tensors' bytes per value and the device figures the step model reads (base units:
/// FLOP/s, B/s, B). <see cref="Peak"/> is the matmul rate in the compute precision, <see cref="AttentionPeak"/>
/// the 16-bit rate attention runs at (its operands are activations). <see cref="Link"/> is one direction of the per-device scale-up link.
/// <see cref="DecodeKernel"/> says whether the engine is known to decode a grouped KV head once per query head.
/// </summary>
public sealed record ServingDeployment(
    ModelShape Model,
    double Tp,
    double Ep,
    double WeightBytes,
    double KvBytes,
    double ActivationBytes,
    double Peak,
    double AttentionPeak,
    double Bandwidth,
    double Link,
    double Memory,
    DecodeAttentionKernel DecodeKernel = DecodeAttentionKernel.Unstated)
{
    /// <summary>Activations travel in 16 bits whatever the weights are (fp8 and int4 kernels dequantise or rescale to 16-bit outputs).</summary>
    public const double DefaultActivationBytes = 2;

    /// <summary>
    /// Devices a KV cache is split over: heads split across tensor-parallel ranks, but a rank cannot hold less
    /// than one KV head, so with fewer KV heads than ranks they are replicated; a latent (MLA) cache is not split.
    /// </summary>
    public double KvShards => Model.IsLatentAttention ? 1 : Math.Min(Tp, Model.KvHeads);

    /// <summary>
    /// Query heads on a device that share one cached KV head (grouped-query attention): heads / kv_heads, or the device's
    /// query heads when tensor parallelism replicates KV heads; 1 for multi-head and latent attention (MLA's absorbed form
    /// reads the latent once for all heads).
    /// </summary>
    public double QueryHeadsPerKvHead => Model.IsLatentAttention ? 1 : Math.Max(1, Model.Heads / Tp / (Model.KvHeads / KvShards));

    /// <summary>Weights held by each device.</summary>
    public double WeightsPerDevice => Model.Params * WeightBytes / Tp;

    /// <summary>KV cache bytes per device for <paramref name="sequences"/> sequences of <paramref name="context"/> tokens.</summary>
    public double KvPerDevice(double sequences, double context) => sequences * Model.KvValues(context) * KvBytes / KvShards;
}
