namespace CostDsl.Estimation.Serving;

/// <summary>
/// What one forward step asks of each device, by kind of kernel: the weight matmuls (FLOPs and weight
/// bytes), attention (FLOPs and KV-cache bytes read and written), the memory-bound elementwise kernels
/// (activation bytes), and the tensor/expert-parallel collectives (bytes over the link, and how many).
/// <see cref="Layers"/> counts the layers, each of which pays a fixed overhead. <see cref="Kernel"/> is the decode-attention kernel, which picks the re-read share. <see cref="KvRereadBytes"/> is what a
/// decode step's attention would read again if every query head of a group read the group's K/V itself; the sample's
/// kv_reread share of it is read. <see cref="ExpertFlops"/> is the part of <see cref="MatmulFlops"/> done by routed experts, which the sample's expert_dequant
/// share of runs at the 16-bit rate,
/// and all of which at the sample's expert_gemm_share of the dense rate.
/// </summary>
public sealed record StepWork(
    double MatmulFlops,
    double WeightBytes,
    double AttentionFlops,
    double KvBytes,
    double ActivationBytes,
    double LinkBytes,
    double Collectives,
    double Layers,
    double KvRereadBytes = 0,
    double ExpertFlops = 0,
    DecodeAttentionKernel Kernel = DecodeAttentionKernel.Unstated)
{
    /// <summary>
    /// The cache bytes the attention kernel moves with the sample's re-read share: kv_reread when the kernel is not known,
    /// kv_reread_per_head when the engine is known to give each query head its own thread block.
    /// </summary>
    public double KvTraffic(ServingEfficiency e) =>
        KvBytes + (KvRereadBytes * (Kernel == DecodeAttentionKernel.PerQueryHead ? e.KvRereadPerHead : e.KvReread));

    /// <summary>All the arithmetic at the peaks' achieved shares.</summary>
    public double ComputeTime(ServingDeployment d, ServingEfficiency e) =>
        MatmulTime(d, e) + (AttentionFlops / (d.AttentionPeak * e.Compute));

    /// <summary>
    /// The weight matmuls' arithmetic: the dense part at the compute precision's peak; the experts' part with the sample's
    /// expert_dequant share of it at the 16-bit rate (a grouped GEMM without an 8-bit path dequantises the weights), the rest at the peak,
    /// and all of it at the sample's expert_gemm_share of the dense matmul rate (a grouped GEMM over small ragged per-expert problems).
    /// </summary>
    private double MatmulTime(ServingDeployment d, ServingEfficiency e)
    {
        var slow = ExpertFlops * e.ExpertDequant;
        var slowRate = Math.Min(d.Peak, d.AttentionPeak);
        var expertShare = e.Compute * e.ExpertGemm;
        return ((MatmulFlops - ExpertFlops) / (d.Peak * e.Compute)) + ((ExpertFlops - slow) / (d.Peak * expertShare)) + (slow / (slowRate * expertShare));
    }

    /// <summary>All the memory traffic at the achieved share of the bandwidth.</summary>
    public double MemoryTime(ServingDeployment d, ServingEfficiency e) =>
        (WeightBytes + KvTraffic(e) + ActivationBytes) / (d.Bandwidth * e.Memory);

    public double CommunicationTime(ServingDeployment d, ServingEfficiency e) =>
        Collectives == 0 ? 0 : (LinkBytes / (d.Link * e.Link)) + (Collectives * e.CollectiveLatency);

    /// <summary>
    /// A step is a sequence of kernels, each a roofline: the weight matmuls take the longer of their arithmetic and
    /// their weight reads, attention the longer of its arithmetic and its KV reads (a separate kernel, so the two do
    /// not overlap), the elementwise kernels their traffic; the collectives sit between layers on the critical path,
    /// and every layer pays a fixed launch and synchronisation overhead. Never below the compute or the memory time.
    /// </summary>
    public double Time(ServingDeployment d, ServingEfficiency e)
    {
        var bandwidth = d.Bandwidth * e.Memory;
        var matmul = Math.Max(MatmulTime(d, e), WeightBytes / bandwidth);
        var attention = Math.Max(AttentionFlops / (d.AttentionPeak * e.Compute), KvTraffic(e) / bandwidth);
        return matmul + attention + (ActivationBytes / bandwidth) + CommunicationTime(d, e) + (Layers * e.LayerOverhead);
    }
}
