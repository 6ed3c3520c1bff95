namespace CostDsl.Estimation.Serving;

/// <summary>How many sequences fit on a replica: weights, the KV cache at a context and working memory, within the usable memory.</summary>
public static class ServingCapacity
{
    /// <summary>
    /// Share of each device's memory kept back: CUDA context, allocator fragmentation and workspace. vLLM's default
    /// gpu_memory_utilization is 0.9 (vLLM engine arguments documentation), i.e. a 10% reserve.
    /// </summary>
    public const double Reserve = 0.05;

    /// <summary>The largest whole batch that fits, 0 when even one sequence does not (the weights alone may not).</summary>
    public static double MaxBatch(ServingDeployment d, double context, double reserve = Reserve)
    {
        var free = (d.Memory * (1 - reserve)) - d.WeightsPerDevice;
        var perSequence = d.KvPerDevice(1, context);
        return free <= 0 ? 0 : Math.Floor(free / perSequence);
    }
}
